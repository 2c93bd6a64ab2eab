import { AppointmentEntity } from "./appointment.entity";
import type { AppointmentRecord } from "./records";

export interface ListPage {
  organisationId: string;
  /** UTC instants: starts in [from, to) */
  from?: string;
  to?: string;
  status?: AppointmentRecord["status"];
  /** UTC instant: written at or after it, oldest change first (instead of by start) */
  updatedSince?: string;
  limit: number;
  cursor: string | null;
}

/**
 * A page of an organisation's appointments: one query of its agenda index (by start) or of its
 * index by last change (`updatedSince`), `status` and the start range as filters there, ElectroDB's
 * cursor. A cursor this list did not give makes the query fail (ElectroError).
 */
export async function listPage(input: ListPage): Promise<{ items: AppointmentRecord[]; cursor: string | null }> {
  const { organisationId, from, to, status } = input;
  const options = { limit: input.limit, cursor: input.cursor };
  let result;
  if (input.updatedSince) {
    result = await AppointmentEntity.query
      .byOrganisationUpdated({ organisationId })
      .gte({ updatedAt: input.updatedSince })
      .where((attr, op) => [from ? op.gte(attr.startsAt, from) : "", to ? op.lt(attr.startsAt, to) : "", status ? op.eq(attr.status, status) : ""].filter(Boolean).join(" AND "))
      .go(options);
  } else {
    const byStart = AppointmentEntity.query.byOrganisationStart({ organisationId });
    const ranged = from && to ? byStart.between({ startsAt: from }, { startsAt: to }) : from ? byStart.gte({ startsAt: from }) : to ? byStart.lt({ startsAt: to }) : byStart;
    result = await ranged.where((attr, op) => (status ? op.eq(attr.status, status) : "")).go(options);
  }
  // `between` includes an appointment starting exactly at `to`: the range is [from, to)
  return { items: to ? result.data.filter((a) => a.startsAt < to) : result.data, cursor: result.cursor ?? null };
}

/** The index keys of an appointment by last change (gsi3), as the entity writes them (migration 0003). */
export function updatedIndexKeys(item: { organisationId: string; updatedAt: string; appointmentId: string }): { gsi3pk: string; gsi3sk: string } {
  const params = AppointmentEntity.query.byOrganisationUpdated(item).params<{ ExpressionAttributeValues: Record<string, string> }>();
  return { gsi3pk: params.ExpressionAttributeValues[":pk"]!, gsi3sk: params.ExpressionAttributeValues[":sk1"]! };
}
