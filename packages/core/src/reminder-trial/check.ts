import { isGsm7 } from "../notification/gsm";
import { trialReminderInFull } from "../notification/texts";
import type { ReminderTrial } from "../schema/stage-settings";

/**
 * The synth-time check of a stage's reminder texts (stage settings `reminderTrial`): GSM-7 only
 * (what is written is what is sent, nothing transliterated), and one segment in the worst case
 * the département file allows — its longest place and service names (their short names for SMS
 * where they have one, as the SMS use), the longest date ("mercredi 30 septembre à 10h30"), the
 * stage's link, "[TEST] " outside production — for an on-site motif, whose SMS names the place.
 * A relative's first name is not counted: a reminder that would overflow with one has the names
 * cut at send time, like the reminder's own wordings; one that cannot fit even so (a video
 * motif's fixed words are longer than most short names) takes the reminder's own wordings and
 * does not count for the trial. Returns the errors by setting path, empty when every text passes.
 */
export interface CheckStage {
  production: boolean;
  /** the site's address on the stage: https://<domain>, else a CloudFront address */
  publicUrl: string;
}

export interface CheckNames {
  /** place names as SMS use them: shortName, else name */
  places: string[];
  services: string[];
}

/** A CloudFront default domain is this long (d + 13 characters): the site's address without a domain. */
export const CLOUDFRONT_URL = "https://d0000000000000.cloudfront.net";
/** Wednesday 30 September 2026, 10:30 in Paris: the longest weekday and month names, two-digit day and hour. */
const LONGEST_START = "2026-09-30T08:30:00.000Z";

const longest = (names: string[]) => names.reduce((a, b) => (b.length > a.length ? b : a), "");

export function checkTrialTexts(trial: ReminderTrial, stage: CheckStage, names: CheckNames): Record<string, string> {
  const errors: Record<string, string> = {};
  const place = longest(names.places);
  const service = longest(names.services);
  trial.texts.forEach((variant, i) => {
    const path = `reminderTrial.texts[${i}].text`;
    const literal = variant.text.replace(/\{(rdv|date|date_courte|lieu|lien)\}/g, "");
    const outside = [...new Set([...literal].filter((c) => !isGsm7(c)))];
    if (outside.length) {
      errors[path] = `caractères hors de l'alphabet des SMS (GSM-7) : ${outside.map((c) => `« ${c} »`).join(", ")} ; un seul ferait passer le SMS à 70 caractères`;
      return;
    }
    const worst = trialReminderInFull(variant.text, {
      service,
      startsAt: LONGEST_START,
      timezone: "Europe/Paris",
      placeName: place,
      locationType: "on_site",
      link: `${stage.publicUrl.replace(/\/+$/, "")}/rdv/${"x".repeat(24)}`,
      siteUrl: stage.publicUrl,
      production: stage.production,
    });
    if (worst.segments > 1) {
      errors[path] =
        `${worst.segments} SMS au lieu d'un (${worst.text.length} caractères sur 160) avec le lieu le plus long` +
        `${place ? ` (« ${place} »)` : ""} : raccourcissez le texte, ou donnez un nom court (shortName) aux lieux`;
    }
  });
  return errors;
}
