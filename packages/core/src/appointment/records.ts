import { putAll, type PutItem } from "../db/batch";
import { AppointmentEntity, ParticipationEntity } from "./appointment.entity";

/** Appointment and participation records written or read as they are: the département import, the usager merge. */
export type AppointmentItem = PutItem<typeof AppointmentEntity>;
export type ParticipationItem = PutItem<typeof ParticipationEntity>;

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

/** Moves a participation to another usager (merging usagers: the same person recorded twice). */
export async function reassignParticipation(key: { appointmentId: string; participationId: string }, serviceUserId: string): Promise<void> {
  await ParticipationEntity.patch(key).set({ serviceUserId }).go();
}
