import * as z from "zod";
import { DepartmentSettings } from "./department-file";
import { Email, LocalTime } from "./common";

/**
 * Limits on what the public may take (README, limits: every public entry point that costs money or
 * capacity has a limit). Each counts what was granted — bookings committed, SMS sent — never
 * refused attempts. `RDV_LIMITS_SCALE` multiplies them (load tests only).
 */
export const PublicLimits = z.object({
  /** upcoming online appointments per mobile number and service */
  upcomingPerNumberPerService: z.number().int().min(1).max(50).default(2),
  /** SMS per mobile number per day (UTC), reminders excepted: confirmations and changes the public asked for */
  smsPerNumberPerDay: z.number().int().min(1).max(100).default(5),
  /** e-mails per address per day (UTC), reminders excepted, as for SMS */
  emailsPerAddressPerDay: z.number().int().min(1).max(100).default(5),
  /** open waitlist entries per mobile number (each may bring one offer SMS a day) */
  waitlistEntriesPerNumber: z.number().int().min(1).max(20).default(3),
  /** online bookings per client (source address; an IPv6 /64) per hour; waitlist sign-ups count apart, with the same cap */
  bookingsPerClientPerHour: z.number().int().min(1).max(10_000).default(10),
  /** slot, place and session searches per client per minute */
  searchesPerClientPerMinute: z.number().int().min(10).max(100_000).default(120),
  /** integration API requests per API key per minute */
  apiRequestsPerKeyPerMinute: z.number().int().min(10).max(100_000).default(600),
});
export type PublicLimits = z.infer<typeof PublicLimits>;

/**
 * Placeholders of a reminder wording: what the SMS must say (service, date and time, place,
 * manage link). `{date}` is long ("mardi 8 décembre à 9h30"), `{date_courte}` compact
 * ("mar. 8/12 à 9h30"); `{rdv}` is "RDV PMI" (a neutral "RDV" for discreet motifs, "RDV PMI pour
 * Léo" for a relative); `{lieu}` the place's short name (or "nous vous appellerons"…).
 */
export const REMINDER_PLACEHOLDERS = ["rdv", "date", "date_courte", "lieu", "lien"] as const;

const TrialId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "minuscules, chiffres et '-' (40 caractères au plus)");

export const ReminderTrialText = z.object({
  /** the variant's name in the statistics and on each participation ("a", "court", "poli") */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,19}$/, "minuscules, chiffres et '-' (20 caractères au plus)"),
  text: z
    .string()
    .min(1)
    .max(300)
    .superRefine((text, ctx) => {
      const used = [...text.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!);
      const unknown = used.filter((name) => !(REMINDER_PLACEHOLDERS as readonly string[]).includes(name));
      if (unknown.length) ctx.addIssue({ code: "custom", message: `repère inconnu : {${unknown[0]}} (repères : ${REMINDER_PLACEHOLDERS.map((p) => `{${p}}`).join(", ")})` });
      const missing = ["rdv", "lieu", "lien"].filter((name) => !used.includes(name));
      if (!used.includes("date") && !used.includes("date_courte")) missing.splice(1, 0, "date");
      if (missing.length) ctx.addIssue({ code: "custom", message: `le rappel doit contenir ${missing.map((p) => `{${p}}`).join(", ")}` });
    }),
});
export type ReminderTrialText = z.infer<typeof ReminderTrialText>;

/**
 * A reminder wording trial: two or three texts; each participation gets one by a deterministic
 * hash of its id and the trial's id. Change the id when the texts change: statistics are kept
 * per trial id and text id.
 */
export const ReminderTrial = z
  .object({ id: TrialId, texts: z.array(ReminderTrialText).min(2, "deux textes au moins").max(3, "trois textes au plus") })
  .superRefine((trial, ctx) => {
    trial.texts.forEach((text, i) => {
      if (trial.texts.findIndex((t) => t.id === text.id) !== i) ctx.addIssue({ code: "custom", path: ["texts", i, "id"], message: `identifiant en double : ${text.id}` });
    });
  });
export type ReminderTrial = z.infer<typeof ReminderTrial>;

/**
 * ProConnect (the State's OpenID Connect provider for public agents), or any standard OIDC
 * provider: the issuer (its discovery document is read from it) and the client id it gave the
 * stage. The client secret is not a setting: it lives in AWS Secrets Manager (docs/deploy.md).
 */
export const ProConnectSettings = z.object({
  issuer: z.url({ protocol: /^https?$/, error: "adresse http(s) de l'émetteur OIDC" }),
  clientId: z.string().min(1).max(200),
  /** scopes asked; the e-mail (and whether it is verified) is what accounts are first matched on */
  scope: z.string().regex(/^openid( [A-Za-z0-9_:.-]+)*$/, "commence par « openid »").default("openid email given_name usual_name"),
});
export type ProConnectSettings = z.infer<typeof ProConnectSettings>;

/**
 * A stage's settings (one département's deployment), validated when the app is synthesized and
 * when the local stack starts. A wrong value stops with the field named.
 */
export const StageSettings = z.object({
  department: DepartmentSettings,
  /** SMS sender name: 3 to 11 letters or digits, starting with a letter (operator rules). */
  smsSenderName: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9]{2,10}$/, "3 à 11 lettres ou chiffres, en commençant par une lettre"),
  reminderLeadHours: z.number().int().min(1).max(24 * 14).default(48),
  quietHours: z.object({ start: LocalTime, end: LocalTime }).default({ start: "21:00", end: "08:00" }),
  production: z.boolean(),
  domain: z
    .string()
    .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/, "nom de domaine invalide")
    .optional(),
  alarmEmail: Email.optional(),
  limits: PublicLimits.default(PublicLimits.parse({})),
  /** the call list ("À appeler") shows appointments of the next this many days */
  callListDays: z.number().int().min(1).max(14).default(3),
  /**
   * The département file this stage is loaded from (path from the repository root): the reminder
   * trial's texts are checked against its longest place and service names at synth time.
   */
  departmentFile: z.string().min(1).optional(),
  reminderTrial: ReminderTrial.optional(),
  /** agents sign in with ProConnect (OIDC) when set */
  proConnect: ProConnectSettings.optional(),
  /** agents may sign in with e-mail and password; false leaves ProConnect only (and needs `proConnect`) */
  passwordSignIn: z.boolean().default(true),
}).refine((settings) => settings.passwordSignIn || settings.proConnect, {
  path: ["passwordSignIn"],
  message: "false demande proConnect : sans mot de passe ni ProConnect, aucun agent ne pourrait se connecter",
});
export type StageSettings = z.infer<typeof StageSettings>;
export type StageSettingsInput = z.input<typeof StageSettings>;

/** Stage names: start with a letter; CloudFormation stack names allow letters, digits and '-'. */
export const StageName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,30}$/, "commence par une lettre ; minuscules, chiffres et '-' (31 caractères au plus)");
