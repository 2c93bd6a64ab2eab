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
  /** open waitlist entries per mobile number (each may bring one offer SMS a day) */
  waitlistEntriesPerNumber: z.number().int().min(1).max(20).default(3),
  /** online bookings per client (source address; an IPv6 /64) per hour; waitlist sign-ups count apart, with the same cap */
  bookingsPerClientPerHour: z.number().int().min(1).max(10_000).default(10),
  /** slot, place and session searches per client per minute */
  searchesPerClientPerMinute: z.number().int().min(10).max(100_000).default(120),
});
export type PublicLimits = z.infer<typeof PublicLimits>;

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
});
export type StageSettings = z.infer<typeof StageSettings>;
export type StageSettingsInput = z.input<typeof StageSettings>;

/** Stage names: start with a letter; CloudFormation stack names allow letters, digits and '-'. */
export const StageName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,30}$/, "commence par une lettre ; minuscules, chiffres et '-' (31 caractères au plus)");
