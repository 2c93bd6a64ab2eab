import { DateTime } from "luxon";

/**
 * How long personal data is kept (guarantee 7 in docs/architecture.md): appointments, their participations,
 * receipts and the agents' days that hold them go 2 years after the appointment; usager records
 * and their organisation profiles 2 years after their last appointment.
 */
export const RETENTION_YEARS = 2;

/** The TTL (epoch seconds) of something kept `RETENTION_YEARS` after an instant (an appointment's end). */
export function expiresAt(instantIso: string): number {
  return Math.floor(DateTime.fromISO(instantIso, { zone: "utc" }).plus({ years: RETENTION_YEARS }).toSeconds());
}

/** The TTL of an agent's day: kept as long as the appointments it holds. */
export function dayExpiresAt(day: string): number {
  return expiresAt(`${day}T23:59:59Z`);
}
