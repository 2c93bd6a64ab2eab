import { createHash } from "node:crypto";
import type { ReminderTrial } from "../schema/stage-settings";

/**
 * Which text of a trial a participation gets: the first 32 bits of SHA-256(trial id, participation
 * id), modulo the number of texts. Deterministic (a reschedule, a retried reminder, a recount all
 * find the same text), independent of everything the service knows about the usager, and as
 * good as uniform. The key `<trial id>/<text id>` is recorded on the participation.
 */
export function textIndex(trialId: string, participationId: string, texts: number): number {
  return createHash("sha256").update(`${trialId}:${participationId}`).digest().readUInt32BE(0) % texts;
}

export interface Variant {
  trialId: string;
  textId: string;
  text: string;
  /** `<trial id>/<text id>`, as recorded on participations and receipts */
  key: string;
}

export function variantFor(trial: ReminderTrial | undefined, participationId: string): Variant | undefined {
  if (!trial) return undefined;
  const chosen = trial.texts[textIndex(trial.id, participationId, trial.texts.length)]!;
  return { trialId: trial.id, textId: chosen.id, text: chosen.text, key: `${trial.id}/${chosen.id}` };
}

/** The variant recorded on a participation when it belongs to the trial running now, else the one its hash gives. */
export function variantOf(trial: ReminderTrial | undefined, participation: { participationId: string; reminderVariant?: string }): Variant | undefined {
  if (!trial) return undefined;
  const [trialId, textId] = participation.reminderVariant?.split("/") ?? [];
  const recorded = trialId === trial.id ? trial.texts.find((t) => t.id === textId) : undefined;
  return recorded ? { trialId: trial.id, textId: recorded.id, text: recorded.text, key: `${trial.id}/${recorded.id}` } : variantFor(trial, participation.participationId);
}
