import type { EntityItem } from "electrodb";
import { putAll, type PutItem } from "../db/batch";
import { readOne, type Key, type Read } from "../db/batch-get";
import { AppointmentEntity, ParticipationEntity } from "./appointment.entity";

/** Appointment and participation records written or read as they are: the département import and export, the usager merge. */
export type AppointmentItem = PutItem<typeof AppointmentEntity>;
export type ParticipationItem = PutItem<typeof ParticipationEntity>;
export type AppointmentRecord = EntityItem<typeof AppointmentEntity>;
export type ParticipationRecord = EntityItem<typeof ParticipationEntity>;

/** Saves appointments as they are, in batches (département import: validated, past and future). */
export async function saveAll(items: AppointmentItem[]): Promise<void> {
  await putAll(AppointmentEntity, items);
}

export async function saveParticipations(items: ParticipationItem[]): Promise<void> {
  await putAll(ParticipationEntity, items);
}

/** The participations of an usager, in every appointment (merging usagers). */
export async function participationsOf(serviceUserId: string) {
  return (await ParticipationEntity.query.byServiceUser({ serviceUserId }).go({ pages: "all" })).data;
}

/**
 * Every appointment of an organisation, past and future, in order of start (the département
 * export): the organisation's agenda index (gsi2) read to its end, page after page.
 */
export async function listByOrganisation(organisationId: string): Promise<AppointmentRecord[]> {
  return (await AppointmentEntity.query.byOrganisationStart({ organisationId }).go({ pages: "all" })).data;
}

/** The participations of an appointment (one query in its partition, its receipts and audit left out). */
export async function participations(appointmentId: string): Promise<ParticipationRecord[]> {
  return (await ParticipationEntity.query.primary({ appointmentId }).go({ pages: "all" })).data;
}

/** Moves a participation to another usager (merging usagers: the same person recorded twice). */
export async function reassignParticipation(key: { appointmentId: string; participationId: string }, serviceUserId: string): Promise<void> {
  await ParticipationEntity.patch(key).set({ serviceUserId }).go();
}

/** The read of an appointment, to gather with others in one BatchGetItem (null when unknown). */
export function read(appointmentId: string): Read<AppointmentRecord | null> {
  return readOne(AppointmentEntity.get({ appointmentId }).params<{ Key: Key }>().Key, (item) => AppointmentEntity.parse({ Item: item }).data as AppointmentRecord);
}
