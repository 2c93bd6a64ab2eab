import { z } from "zod";
import { DepartmentSettings } from "./department-file";
import { Email, LocalTime } from "./common";

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
});
export type StageSettings = z.infer<typeof StageSettings>;
export type StageSettingsInput = z.input<typeof StageSettings>;

/** Stage names: start with a letter; CloudFormation stack names allow letters, digits and '-'. */
export const StageName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,30}$/, "commence par une lettre ; minuscules, chiffres et '-' (31 caractères au plus)");
