// The shapes of the agent API's answers that the back office reads (see packages/core: agenda,
// appointment/agent, stats, configuration, service-user/search, session). Unknown keys are dropped.
import { z } from "zod";

const optionalString = z.string().nullish().transform((value) => value ?? undefined);

export const Membership = z.object({ organisationId: z.string(), role: z.enum(["admin", "secretariat", "agent"]), serviceIds: z.array(z.string()) });
export type Membership = z.infer<typeof Membership>;

export const Me = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  organisationId: z.string(),
  memberships: z.array(Membership),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof Me>;

/** GET /v1/agent/auth/invitation/{token}: choose a password (new account) or confirm one (existing account). */
export const InvitationInfo = z.object({ organisationName: z.string().nullable(), account: z.enum(["new", "existing"]) });
export type InvitationInfo = z.infer<typeof InvitationInfo>;

export const AppointmentSummary = z.object({
  id: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(["booked", "seen", "excused", "revoked", "noshow"]),
  motifId: z.string(),
  serviceId: z.string(),
  placeId: z.string(),
  agentIds: z.array(z.string()),
  label: z.string(),
  collective: z.boolean(),
  seatsTaken: z.number().nullish(),
  capacity: z.number().nullish(),
});
export type AppointmentSummary = z.infer<typeof AppointmentSummary>;

export const AgendaAgent = z.object({ id: z.string(), firstName: z.string(), lastName: z.string() });
export type AgendaAgent = z.infer<typeof AgendaAgent>;

export const AgendaMotif = z.object({
  id: z.string(),
  name: z.string(),
  serviceId: z.string(),
  durationMinutes: z.number(),
  collective: z.boolean(),
  locationType: z.string(),
});
export type AgendaMotif = z.infer<typeof AgendaMotif>;

export const Agenda = z.object({
  timezone: z.string(),
  agents: z.array(AgendaAgent),
  motifs: z.array(AgendaMotif),
  places: z.array(z.object({ id: z.string(), name: z.string() })),
  appointments: z.array(AppointmentSummary),
  openings: z.array(z.object({ ruleId: z.string(), agentId: z.string(), placeId: z.string(), motifIds: z.array(z.string()), day: z.string(), start: z.string(), end: z.string() })),
  absences: z.array(z.object({ absenceId: z.string(), agentId: z.string(), title: optionalString, start: z.string(), end: z.string() })),
});
export type Agenda = z.infer<typeof Agenda>;

export const AppointmentDetail = z.object({
  id: z.string(),
  status: z.enum(["booked", "seen", "excused", "revoked", "noshow"]),
  startsAt: z.string(),
  endsAt: z.string(),
  organisationId: z.string(),
  service: z.object({ id: z.string(), name: z.string() }),
  motif: z.object({ id: z.string(), name: z.string(), locationType: z.string(), collective: z.boolean() }),
  place: z.object({ id: z.string(), name: z.string(), address: optionalString }),
  agentIds: z.array(z.string()),
  collective: z.boolean(),
  capacity: z.number().nullish(),
  seatsTaken: z.number().nullish(),
  createdBy: optionalString,
  reminderAt: optionalString,
  reminderNote: optionalString,
  participants: z.array(
    z.object({
      participationId: z.string(),
      status: z.string(),
      serviceUser: z
        .object({
          id: z.string(),
          firstName: z.string(),
          lastName: z.string(),
          phone: optionalString,
          email: optionalString,
          birthDate: optionalString,
          address: optionalString,
          smsOptOut: z.boolean().nullish(),
        })
        .nullish(),
      relative: z.object({ firstName: z.string(), lastName: z.string(), birthDate: optionalString }).nullish(),
      noSmsReason: optionalString,
    }),
  ),
  receipts: z.array(
    z.object({
      receiptId: z.string(),
      participationId: optionalString,
      kind: z.string(),
      channel: optionalString,
      to: optionalString,
      text: optionalString,
      status: z.string(),
      attempts: z.number().nullish(),
      lastError: optionalString,
      sentAt: optionalString,
      createdAt: z.string(),
    }),
  ),
  audit: z.array(z.object({ at: z.string(), agentId: z.string(), agentName: z.string(), action: z.string(), changes: z.record(z.string(), z.unknown()).nullish() })),
});
export type AppointmentDetail = z.infer<typeof AppointmentDetail>;

export const Slot = z.object({ startsAt: z.string(), endsAt: z.string(), agentIds: z.array(z.string()).default([]) });
export type Slot = z.infer<typeof Slot>;
export const Slots = z.object({ slots: z.array(Slot) });

export const ServiceUser = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  phone: optionalString,
  email: optionalString,
  birthDate: optionalString,
  smsOptOut: z.boolean().nullish(),
});
export type ServiceUser = z.infer<typeof ServiceUser>;
export const ServiceUsers = z.object({ serviceUsers: z.array(ServiceUser) });

export const ToMark = z.object({ appointments: z.array(AppointmentSummary) });

export const StatsRow = z.object({
  month: z.string(),
  serviceId: z.string(),
  serviceName: z.string(),
  total: z.number(),
  online: z.number(),
  agent: z.number(),
  booked: z.number(),
  seen: z.number(),
  excused: z.number(),
  revoked: z.number(),
  noshow: z.number(),
  noShowRate: z.number().nullable(),
});
export type StatsRow = z.infer<typeof StatsRow>;
export const Stats = z.object({ rows: z.array(StatsRow) });

const Recurrence = z.object({ everyWeeks: z.number(), weekdays: z.array(z.string()) });
const Exception = z.looseObject({ day: z.string() });

export const ConfigPlace = z.object({ id: z.string(), name: z.string(), address: z.string(), phone: optionalString });
export type ConfigPlace = z.infer<typeof ConfigPlace>;

export const ConfigMotif = z.object({
  id: z.string(),
  organisationId: z.string(),
  serviceId: z.string(),
  name: z.string(),
  durationMinutes: z.number(),
  locationType: z.string(),
  online: z.boolean(),
  minDelayMinutes: z.number(),
  maxDelayDays: z.number(),
  bufferMinutes: z.number().nullish(),
  collective: z.boolean().nullish(),
  capacity: z.number().nullish(),
  cancelUntilMinutesBefore: z.number(),
  rescheduleUntilMinutesBefore: z.number(),
  notification: z.string().nullish(),
  reminderLeadHours: z.number().nullish(),
  instructions: optionalString,
});
export type ConfigMotif = z.infer<typeof ConfigMotif>;

export const ConfigRule = z.object({
  id: z.string(),
  agentId: z.string(),
  placeId: z.string(),
  motifIds: z.array(z.string()),
  firstDay: z.string(),
  until: optionalString,
  start: z.string(),
  end: z.string(),
  recurrence: Recurrence.nullish(),
  exceptions: z.array(Exception).nullish(),
});
export type ConfigRule = z.infer<typeof ConfigRule>;

export const ConfigAbsence = z.object({
  id: z.string(),
  agentId: z.string(),
  title: optionalString,
  start: z.string(),
  end: z.string(),
  recurrence: Recurrence.nullish(),
  until: optionalString,
});
export type ConfigAbsence = z.infer<typeof ConfigAbsence>;

export const ConfigAgent = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  role: z.string().nullish(),
  serviceIds: z.array(z.string()),
});
export type ConfigAgent = z.infer<typeof ConfigAgent>;

export const Configuration = z.object({
  services: z.array(z.object({ id: z.string(), name: z.string() })),
  places: z.array(ConfigPlace),
  motifs: z.array(ConfigMotif),
  openingRules: z.array(ConfigRule),
  agents: z.array(ConfigAgent),
  absences: z.array(ConfigAbsence),
});
export type Configuration = z.infer<typeof Configuration>;

export const OutboxMessage = z.object({
  channel: z.string(),
  to: z.string(),
  subject: optionalString,
  text: z.string(),
  at: z.string(),
  appointmentId: optionalString,
});
export type OutboxMessage = z.infer<typeof OutboxMessage>;
export const Outbox = z.object({ messages: z.array(OutboxMessage) });

/** The API's error body: {"error":{"code","message","fields"?}}. */
export const ApiError = z.object({
  error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() }),
});
export type ApiError = z.infer<typeof ApiError>["error"];

export function agentName(agent: { firstName: string; lastName: string } | undefined): string {
  return agent ? `${agent.firstName} ${agent.lastName}` : "Agent inconnu";
}
