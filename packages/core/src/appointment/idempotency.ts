import { createHash } from "node:crypto";
import { DomainError, NotFoundError } from "../error";
import * as ManageToken from "../manage-token";
import * as Slot from "../slot";
import type { TransactionEntities } from "../db/transact";
import { AppointmentEntity } from "./appointment.entity";
import { IdempotencyEntity } from "./idempotency.entity";
import type { Booked } from "./schema";

/**
 * Idempotent booking (guarantee 2 in docs/architecture.md): one item per `Idempotency-Key`, written in the
 * booking transaction itself (condition: it does not exist yet), so a retried request finds the
 * first result, and a key reused with another body is told apart by the request's hash.
 */
const IDEMPOTENCY_HOURS = 24;

export function requestHash(body: unknown): string {
  return createHash("sha256").update(canonicalJson(body)).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The first result of an idempotency key, or a 422 when the key came with another body. */
export async function replay(key: string, hash: string): Promise<Booked | null> {
  const record = (await IdempotencyEntity.get({ key }).go({ consistent: true })).data;
  if (!record) return null;
  if (record.requestHash !== hash) {
    throw new DomainError("idempotency.key_reused", "unprocessable", "Cette clé Idempotency-Key a déjà servi pour une autre demande.", {
      "Idempotency-Key": "déjà utilisée avec un autre contenu",
    });
  }
  const appointment = (await AppointmentEntity.get({ appointmentId: record.appointmentId }).go({ consistent: true })).data;
  if (!appointment) throw new NotFoundError("appointment.not_found", "Ce rendez-vous n'existe plus.");
  return {
    id: appointment.appointmentId,
    startsAt: Slot.toLocalIso(appointment.startsAt, appointment.timezone),
    endsAt: Slot.toLocalIso(appointment.endsAt, appointment.timezone),
    manageToken: ManageToken.derive(record.participationId, 1),
  };
}

/** The transaction item that records the key (fails if the key was committed meanwhile). */
export function keyItem(
  idempotency: TransactionEntities["idempotency"],
  record: { key: string; hash: string; appointmentId: string; participationId: string; now: Date },
) {
  return idempotency
    .create({
      key: record.key,
      requestHash: record.hash,
      appointmentId: record.appointmentId,
      participationId: record.participationId,
      expiresAt: Math.floor(record.now.getTime() / 1000) + IDEMPOTENCY_HOURS * 3600,
    })
    .commit();
}
