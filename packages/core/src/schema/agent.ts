import * as z from "zod";
import { AgentRole, APPOINTMENT_STATUSES, LocationType } from "./department-file";

/**
 * What the agent API answers (/v1/agent/…), as the back office reads it. Fields the domain may
 * leave out are optional (JSON drops undefined); nothing is transformed, so parsing an answer
 * gives it back unchanged (the integration test checks exactly that on every GET route).
 */

const AppointmentStatusInfo = z.enum(APPOINTMENT_STATUSES);

/** An error answer: {"error":{"code","message","fields"?}} (4xx and 5xx alike). */
export const ApiErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;
export type ApiErrorInfo = ApiErrorBody["error"];

// --- /v1/agent/me, /v1/agent/me/organisation, sign-in -----------------------------------------

export const MembershipInfo = z.object({
  organisationId: z.string(),
  organisationName: z.string(),
  role: AgentRole,
  serviceIds: z.array(z.string()),
});
export type MembershipInfo = z.infer<typeof MembershipInfo>;

/** GET /v1/agent/me: the signed-in agent and the organisation they work in now. */
export const AgentMeInfo = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  organisationId: z.string(),
  memberships: z.array(MembershipInfo),
  csrfToken: z.string(),
});
export type AgentMeInfo = z.infer<typeof AgentMeInfo>;

/** GET /v1/agent/auth/invitation/{token}: choose a password (new account) or confirm one (existing account). */
export const InvitationInfo = z.object({ organisationName: z.string().nullable(), account: z.enum(["new", "existing"]) });
export type InvitationInfo = z.infer<typeof InvitationInfo>;

/** GET /v1/agent/auth/password-reset/{token}: the link can still be used (404 otherwise). */
export const PasswordResetLinkInfo = z.object({ valid: z.literal(true), expiresAt: z.string() });
export type PasswordResetLinkInfo = z.infer<typeof PasswordResetLinkInfo>;
/** GET /v1/agent/auth/methods: how agents sign in on this stage (e-mail and password, ProConnect). */
export const SignInMethodsInfo = z.object({ password: z.boolean(), proConnect: z.boolean() });
export type SignInMethodsInfo = z.infer<typeof SignInMethodsInfo>;

/** POST /v1/agent/auth/sign-in and /v1/agent/auth/invitation (the session itself is in cookies). */
export const SessionCreatedInfo = z.object({ csrfToken: z.string() });
export type SessionCreatedInfo = z.infer<typeof SessionCreatedInfo>;

// --- Agenda ----------------------------------------------------------------------------------

/** An appointment in an agenda or the "to mark" list; instants carry the département's offset. */
export const AppointmentSummaryInfo = z.object({
  id: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: AppointmentStatusInfo,
  motifId: z.string(),
  serviceId: z.string(),
  placeId: z.string(),
  agentIds: z.array(z.string()),
  /** who it is with ("Dubois Chloé (Léo)"); "Séance collective (n/N)" for sessions */
  label: z.string(),
  collective: z.boolean(),
  seatsTaken: z.number(),
  capacity: z.number().optional(),
  /** marked arrived at the desk at (the département's offset) */
  arrivedAt: z.string().optional(),
});
export type AppointmentSummaryInfo = z.infer<typeof AppointmentSummaryInfo>;

export const AgendaAgentInfo = z.object({ id: z.string(), firstName: z.string(), lastName: z.string() });
export type AgendaAgentInfo = z.infer<typeof AgendaAgentInfo>;

export const AgendaMotifInfo = z.object({
  id: z.string(),
  name: z.string(),
  serviceId: z.string(),
  durationMinutes: z.number(),
  collective: z.boolean(),
  locationType: LocationType,
});
export type AgendaMotifInfo = z.infer<typeof AgendaMotifInfo>;

/** GET /v1/agent/agenda?organisation&from&to&agents */
export const AgendaInfo = z.object({
  timezone: z.string(),
  agents: z.array(AgendaAgentInfo),
  motifs: z.array(AgendaMotifInfo),
  places: z.array(z.object({ id: z.string(), name: z.string() })),
  appointments: z.array(AppointmentSummaryInfo),
  openings: z.array(
    z.object({ ruleId: z.string(), agentId: z.string(), placeId: z.string(), motifIds: z.array(z.string()), day: z.string(), start: z.string(), end: z.string() }),
  ),
  absences: z.array(z.object({ absenceId: z.string(), agentId: z.string(), title: z.string().optional(), start: z.string(), end: z.string() })),
});
export type AgendaInfo = z.infer<typeof AgendaInfo>;

/** GET /v1/agent/slots?motif&place&from&to: every free slot, with the agents free then. */
export const AgentSlotInfo = z.object({ startsAt: z.string(), endsAt: z.string(), agentIds: z.array(z.string()) });
export type AgentSlotInfo = z.infer<typeof AgentSlotInfo>;
export const AgentSlotsInfo = z.object({ slots: z.array(AgentSlotInfo) });
export type AgentSlotsInfo = z.infer<typeof AgentSlotsInfo>;

/** GET /v1/agent/appointments/to-mark?organisation&days: past appointments still "booked". */
export const ToMarkInfo = z.object({ appointments: z.array(AppointmentSummaryInfo) });
export type ToMarkInfo = z.infer<typeof ToMarkInfo>;

// --- Appointment detail ----------------------------------------------------------------------

export const ParticipantInfo = z.object({
  participationId: z.string(),
  status: AppointmentStatusInfo,
  /** null when the usager's record is gone */
  serviceUser: z
    .object({
      id: z.string(),
      firstName: z.string(),
      lastName: z.string(),
      phone: z.string().optional(),
      email: z.string().optional(),
      birthDate: z.string().optional(),
      address: z.string().optional(),
      smsOptOut: z.boolean(),
    })
    .nullable(),
  relative: z.object({ firstName: z.string(), lastName: z.string(), birthDate: z.string().optional() }).optional(),
  noSmsReason: z.enum(["no_mobile", "opted_out", "motif_not_notified"]).optional(),
});
export type ParticipantInfo = z.infer<typeof ParticipantInfo>;

export const ReceiptInfo = z.object({
  receiptId: z.string(),
  participationId: z.string(),
  kind: z.enum(["confirmation", "reminder", "reschedule", "cancellation", "revocation"]),
  channel: z.enum(["sms", "email"]),
  /** E.164 or an e-mail address; blanked after six months */
  to: z.string().optional(),
  /** e-mails' subject */
  subject: z.string().optional(),
  text: z.string().optional(),
  /** sent → delivered | failed once the carrier reports (failed also when sending itself failed) */
  status: z.enum(["pending", "sending", "sent", "delivered", "failed", "anonymised"]),
  attempts: z.number(),
  lastError: z.string().optional(),
  /** the carrier's words on its delivery report */
  reason: z.string().optional(),
  sentAt: z.string().optional(),
  reportedAt: z.string().optional(),
  createdAt: z.string(),
});
export type ReceiptInfo = z.infer<typeof ReceiptInfo>;

export const AuditEntryInfo = z.object({
  at: z.string(),
  agentId: z.string(),
  agentName: z.string(),
  action: z.string(),
  /** {field: [before, after]} */
  changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])).optional(),
});
export type AuditEntryInfo = z.infer<typeof AuditEntryInfo>;

/**
 * GET /v1/agent/appointments/{id}; also the answer of its status, revoke and move commands and
 * of POST /v1/agent/sessions.
 */
export const AppointmentDetailInfo = z.object({
  id: z.string(),
  status: AppointmentStatusInfo,
  startsAt: z.string(),
  endsAt: z.string(),
  organisationId: z.string(),
  service: z.object({ id: z.string(), name: z.string() }),
  motif: z.object({ id: z.string(), name: z.string(), locationType: LocationType, collective: z.boolean(), videoUrl: z.string().optional() }),
  place: z.object({ id: z.string(), name: z.string(), address: z.string() }),
  agentIds: z.array(z.string()),
  collective: z.boolean(),
  capacity: z.number().optional(),
  seatsTaken: z.number(),
  createdBy: z.enum(["usager", "agent"]),
  /** a prescripteur who booked for the usager */
  bookedBy: z.object({ kind: z.literal("prescriber"), name: z.string(), structure: z.string(), phone: z.string().optional(), email: z.string().optional() }).optional(),
  reminderAt: z.string().optional(),
  reminderNote: z.string().optional(),
  /** marked arrived at the desk at (the département's offset) */
  arrivedAt: z.string().optional(),
  participants: z.array(ParticipantInfo),
  receipts: z.array(ReceiptInfo),
  audit: z.array(AuditEntryInfo),
});
export type AppointmentDetailInfo = z.infer<typeof AppointmentDetailInfo>;

// --- Usagers ---------------------------------------------------------------------------------

/** An usager as agents find, create or merge them. */
export const ServiceUserInfo = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  phone: z.string().optional(),
  email: z.string().optional(),
  birthDate: z.string().optional(),
  smsOptOut: z.boolean(),
});
export type ServiceUserInfo = z.infer<typeof ServiceUserInfo>;

/** GET /v1/agent/service-users?organisation&q */
export const ServiceUserSearchInfo = z.object({ serviceUsers: z.array(ServiceUserInfo) });
export type ServiceUserSearchInfo = z.infer<typeof ServiceUserSearchInfo>;

// --- Call list ("À appeler") -----------------------------------------------------------------

/** Why an appointment is on the call list: its reminder cannot be trusted, or its usager is at risk of not coming. */
export const CALL_REASONS = ["no_mobile", "sms_opt_out", "sms_failed", "sms_not_delivered", "previous_noshow", "booked_long_ago"] as const;
export const CALL_OUTCOMES = ["confirmed", "cancelled", "unreachable"] as const;

/** POST /v1/agent/call-list/{appointmentId} */
export const CallOutcomeInput = z.object({ outcome: z.enum(CALL_OUTCOMES) });

const CallOutcomeRecord = z.object({ outcome: z.enum(CALL_OUTCOMES), at: z.string(), agentName: z.string() });

/** the answer of POST /v1/agent/call-list/{appointmentId} */
export const CallOutcomeInfo = z.object({ outcome: CallOutcomeRecord });
export type CallOutcomeInfo = z.infer<typeof CallOutcomeInfo>;

export const CallListItemInfo = z.object({
  appointmentId: z.string(),
  startsAt: z.string(),
  status: AppointmentStatusInfo,
  motifName: z.string(),
  serviceUser: z.object({ id: z.string(), firstName: z.string(), lastName: z.string(), phone: z.string().optional() }),
  reasons: z.array(z.enum(CALL_REASONS)),
  outcome: CallOutcomeRecord.optional(),
});
export type CallListItemInfo = z.infer<typeof CallListItemInfo>;

/** GET /v1/agent/call-list?organisation */
export const CallListInfo = z.object({ days: z.number(), items: z.array(CallListItemInfo) });
export type CallListInfo = z.infer<typeof CallListInfo>;

// --- Statistics ------------------------------------------------------------------------------

export const StatsRowInfo = z.object({
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
  /** percentage of no-shows among seen + noshow, one decimal; null when neither happened */
  noShowRate: z.number().nullable(),
  /** cancellations made before the start (by the usager or the service), by how long before */
  cancelledUnder1Day: z.number(),
  cancelled1To7Days: z.number(),
  cancelledOver7Days: z.number(),
  /** agents' time freed by a cancellation before the start, and how much of it another appointment took again */
  freed: z.number(),
  refilled: z.number(),
  /** percentage refilled / freed, one decimal; null when nothing was freed */
  refillRate: z.number().nullable(),
  /** SMS sent, and the carriers' delivery reports */
  smsSent: z.number(),
  smsDelivered: z.number(),
  smsFailed: z.number(),
  /** percentage delivered / sent, one decimal (reports still to come count as not delivered); null when none was sent */
  smsDeliveredRate: z.number().nullable(),
  /** call list outcomes */
  callConfirmed: z.number(),
  callCancelled: z.number(),
  callUnreachable: z.number(),
});
export type StatsRowInfo = z.infer<typeof StatsRowInfo>;

/** GET /v1/agent/stats?organisation&from=YYYY-MM&to=YYYY-MM */
export const StatsInfo = z.object({ rows: z.array(StatsRowInfo) });
export type StatsInfo = z.infer<typeof StatsInfo>;

/** GET /v1/agent/availability ("Trouver un créneau"): each agent's next free slots at each place, next availability first. */
export const AgentAvailabilityInfo = z.object({
  from: z.string(),
  to: z.string(),
  results: z.array(
    z.object({
      motifId: z.string(),
      placeId: z.string(),
      agentId: z.string(),
      slots: z.array(z.object({ startsAt: z.string(), endsAt: z.string() })),
    }),
  ),
});
export type AgentAvailabilityInfo = z.infer<typeof AgentAvailabilityInfo>;

/** GET and DELETE /v1/agent/calendar-feed: whether the agent's feed address works, since when. */
export const CalendarFeedStatusInfo = z.object({ active: z.boolean(), createdAt: z.string().optional() });
export type CalendarFeedStatusInfo = z.infer<typeof CalendarFeedStatusInfo>;
/** POST /v1/agent/calendar-feed: the new address, shown this once. */
export const CalendarFeedCreatedInfo = z.object({ url: z.string(), createdAt: z.string() });
export type CalendarFeedCreatedInfo = z.infer<typeof CalendarFeedCreatedInfo>;

/** GET and POST /v1/agent/me/notifications: which online changes of their appointments the agent is told of by e-mail. */
export const NoticePreferenceInfo = z.object({ changes: z.enum(["all", "soon", "none"]) });
export type NoticePreferenceInfo = z.infer<typeof NoticePreferenceInfo>;
