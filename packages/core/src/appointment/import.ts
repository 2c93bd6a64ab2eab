import { putAll, type PutItem } from "../db/batch";
import { AppointmentEntity, ParticipationEntity } from "./appointment.entity";

export type AppointmentItem = PutItem<typeof AppointmentEntity>;
export type ParticipationItem = PutItem<typeof ParticipationEntity>;

/** Saves appointments as they are, in batches (département import: validated, past and future). */
export async function saveAll(items: AppointmentItem[]): Promise<void> {
  await putAll(AppointmentEntity, items);
}

export async function saveParticipations(items: ParticipationItem[]): Promise<void> {
  await putAll(ParticipationEntity, items);
}
