import * as z from "zod";
import { AgentRole, LocationType, NotificationMode, OccurrenceException } from "./department-file";
import { Recurrence } from "./common";

/** What the agent API answers for configuration (and the local outbox): see agent.ts for the rest. */

// --- Configuration ---------------------------------------------------------------------------

// The lists of motifs, rules and absences carry their stored records as they are (the entity's
// own id, organisation and timestamps beside `id`): declared here so that any change shows.
const stored = { createdAt: z.string(), updatedAt: z.string() };

export const ConfigPlaceInfo = z.object({ id: z.string(), name: z.string(), shortName: z.string().optional(), address: z.string(), phone: z.string().optional() });
export type ConfigPlaceInfo = z.infer<typeof ConfigPlaceInfo>;

export const ConfigMotifInfo = z.object({
  id: z.string(),
  motifId: z.string(),
  organisationId: z.string(),
  serviceId: z.string(),
  name: z.string(),
  durationMinutes: z.number(),
  locationType: LocationType,
  online: z.boolean(),
  minDelayMinutes: z.number(),
  maxDelayDays: z.number(),
  bufferMinutes: z.number(),
  collective: z.boolean(),
  capacity: z.number().optional(),
  /** minutes before the start; -1 when usagers may not do it themselves */
  cancelUntilMinutesBefore: z.number(),
  rescheduleUntilMinutesBefore: z.number(),
  notification: NotificationMode,
  reminderLeadHours: z.number().optional(),
  instructions: z.string().optional(),
  videoUrl: z.string().optional(),
  invitationOnly: z.boolean().optional(),
  referentOnly: z.boolean().optional(),
  ...stored,
});
export type ConfigMotifInfo = z.infer<typeof ConfigMotifInfo>;

export const ConfigOpeningRuleInfo = z.object({
  id: z.string(),
  ruleId: z.string(),
  organisationId: z.string(),
  agentId: z.string(),
  placeId: z.string(),
  motifIds: z.array(z.string()),
  firstDay: z.string(),
  until: z.string().optional(),
  start: z.string(),
  end: z.string(),
  /** absent for a single day */
  recurrence: Recurrence.optional(),
  exceptions: z.array(OccurrenceException),
  ...stored,
});
export type ConfigOpeningRuleInfo = z.infer<typeof ConfigOpeningRuleInfo>;

export const ConfigAbsenceInfo = z.object({
  id: z.string(),
  absenceId: z.string(),
  agentId: z.string(),
  title: z.string().optional(),
  /** wall-clock YYYY-MM-DDTHH:MM in the département's timezone */
  start: z.string(),
  end: z.string(),
  recurrence: Recurrence.optional(),
  until: z.string().optional(),
  exceptions: z.array(OccurrenceException),
  ...stored,
});
export type ConfigAbsenceInfo = z.infer<typeof ConfigAbsenceInfo>;

export const ConfigAgentInfo = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  role: AgentRole.optional(),
  serviceIds: z.array(z.string()),
});
export type ConfigAgentInfo = z.infer<typeof ConfigAgentInfo>;

/** GET /v1/agent/configuration?organisation */
export const ConfigurationInfo = z.object({
  services: z.array(z.object({ id: z.string(), name: z.string() })),
  places: z.array(ConfigPlaceInfo),
  motifs: z.array(ConfigMotifInfo),
  openingRules: z.array(ConfigOpeningRuleInfo),
  agents: z.array(ConfigAgentInfo),
  absences: z.array(ConfigAbsenceInfo),
});
export type ConfigurationInfo = z.infer<typeof ConfigurationInfo>;

/** GET /v1/agent/configuration/changes?organisation&limit&cursor: the organisation's configuration changes, newest first. */
export const ConfigurationChangesInfo = z.object({
  events: z.array(
    z.object({
      at: z.string(),
      agentId: z.string(),
      agentName: z.string(),
      subject: z.enum(["place", "motif", "opening_rule", "absence", "invitation", "agent", "webhook", "api_key"]),
      subjectId: z.string(),
      action: z.enum(["created", "updated", "deleted", "occurrence_edited", "sent", "deactivated", "reactivated", "removed", "rotated", "resent"]),
      changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])),
    }),
  ),
  cursor: z.string().nullable(),
});
export type ConfigurationChangesInfo = z.infer<typeof ConfigurationChangesInfo>;

/** The answer of the configuration saves (places, motifs, opening rules, occurrences, absences). */
export const SavedInfo = z.object({ id: z.string() });
export type SavedInfo = z.infer<typeof SavedInfo>;

// --- Local stack -----------------------------------------------------------------------------

/** GET /v1/dev/outbox (local only): the SMS and e-mails that would have been sent, newest first. */
export const OutboxMessageInfo = z.object({
  channel: z.enum(["sms", "email"]),
  to: z.string(),
  subject: z.string().optional(),
  text: z.string(),
  /** e-mails: the HTML version and the attachments (the usager's .ics) */
  html: z.string().optional(),
  attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), content: z.string() })).optional(),
  at: z.string(),
  appointmentId: z.string().optional(),
});
export type OutboxMessageInfo = z.infer<typeof OutboxMessageInfo>;
export const OutboxInfo = z.object({ messages: z.array(OutboxMessageInfo) });
export type OutboxInfo = z.infer<typeof OutboxInfo>;
