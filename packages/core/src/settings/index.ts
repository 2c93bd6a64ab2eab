import { StageSettings, fieldErrors } from "../schema";

/**
 * The stage's settings, read once from `RDV_STAGE_SETTINGS` (JSON validated with the stage
 * schema: the stacks set it from the stage file, the local stack from config/stages/demo.json).
 */
let cached: { raw: string; settings: StageSettings } | undefined;

export function get(): StageSettings {
  const raw = process.env.RDV_STAGE_SETTINGS;
  if (!raw) throw new Error("RDV_STAGE_SETTINGS is not set");
  if (cached?.raw === raw) return cached.settings;
  const parsed = StageSettings.safeParse(JSON.parse(raw));
  if (!parsed.success) throw new Error(`RDV_STAGE_SETTINGS is invalid: ${JSON.stringify(fieldErrors(parsed.error))}`);
  cached = { raw, settings: parsed.data };
  return parsed.data;
}

/** Base of links in messages (the usager site). */
export function publicUrl(): string {
  return (process.env.PUBLIC_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}

export function manageLink(token: string, base: string = publicUrl()): string {
  return `${base}/rdv/${token}`;
}
