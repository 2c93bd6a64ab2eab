import * as z from "zod";
import {
  Email,
  Id,
  LocalDate,
  LocalDateTime,
  LocalTime,
  PersonName,
  Recurrence,
  VideoUrl,
  minutesOf,
} from "./common";

/** The configuration items of a département — organisations, services, places, motifs, agents, opening rules, absences — as the file and the agents' configuration screens give them. */
/** INSEE commune code: 5 characters, 2A/2B for Corsica. */
export const CommuneCode = z.string().regex(/^(\d{5}|2[AB]\d{3})$/, "code INSEE de commune attendu (5 caractères)");

export const OrganisationInput = z.object({
  id: Id,
  name: z.string().trim().min(1).max(150),
  communes: z.array(CommuneCode).max(2000),
});

export const ServiceInput = z.object({
  id: Id,
  name: z.string().trim().min(1).max(100),
  /** the name SMS use, short enough for one segment (e.g. "PMI"); the name when absent */
  shortName: z.string().trim().min(1).max(20).optional(),
});

export const PlaceInput = z.object({
  id: Id,
  organisationId: Id,
  name: z.string().trim().min(1).max(150),
  /** the name SMS use, short enough for one segment (e.g. "MDS Arras"); the name when absent */
  shortName: z.string().trim().min(1).max(30).optional(),
  address: z.string().trim().min(1).max(300),
  phone: z.string().trim().min(1).max(30).optional(),
});

export const LOCATION_TYPES = ["on_site", "home", "phone", "video"] as const;
export const LocationType = z.enum(LOCATION_TYPES);
export const NOTIFICATION_MODES = ["normal", "discreet", "none"] as const;
export const NotificationMode = z.enum(NOTIFICATION_MODES);

export const MotifInput = z
  .object({
    id: Id,
    serviceId: Id,
    organisationId: Id,
    name: z.string().trim().min(1).max(150),
    durationMinutes: z.number().int().min(5).max(480).multipleOf(5, "multiple de 5 minutes attendu"),
    locationType: LocationType,
    online: z.boolean().default(true),
    minDelayMinutes: z.number().int().min(0).max(60 * 24 * 60).default(30),
    maxDelayDays: z.number().int().min(1).max(365).default(90),
    bufferMinutes: z.number().int().min(0).max(120).default(0),
    collective: z.boolean().default(false),
    capacity: z.number().int().min(2).max(500).optional(),
    /** Usager self-service cut-offs; false forbids it (e.g. compulsory RSA appointments). */
    cancelUntilMinutesBefore: z.union([z.number().int().min(0).max(60 * 24 * 30), z.literal(false)]).default(120),
    rescheduleUntilMinutesBefore: z.union([z.number().int().min(0).max(60 * 24 * 30), z.literal(false)]).default(1440),
    notification: NotificationMode.default("normal"),
    reminderLeadHours: z.number().int().min(1).max(24 * 14).optional(),
    instructions: z.string().trim().max(1000).optional(),
    /** video motifs: the link of the video meeting, given to the usager on the manage page and in messages */
    videoUrl: VideoUrl.optional(),
    /** hidden from the public flow: booked only through a booking invitation that names it */
    invitationOnly: z.boolean().optional(),
    /** booked through an invitation: only the slots of the usager's référent agents are offered */
    referentOnly: z.boolean().optional(),
  })
  .superRefine((motif, ctx) => {
    if (motif.videoUrl !== undefined && motif.locationType !== "video") {
      ctx.addIssue({ code: "custom", path: ["videoUrl"], message: "seulement pour un motif en visio" });
    }
    if (motif.collective && motif.capacity === undefined) {
      ctx.addIssue({ code: "custom", path: ["capacity"], message: "obligatoire pour un motif collectif" });
    }
    if (motif.minDelayMinutes >= motif.maxDelayDays * 24 * 60) {
      ctx.addIssue({ code: "custom", path: ["minDelayMinutes"], message: "doit être inférieur au délai maximum" });
    }
  });

export const AGENT_ROLES = ["admin", "secretariat", "agent"] as const;
export const AgentRole = z.enum(AGENT_ROLES);

export const AgentInput = z.object({
  id: Id,
  email: Email,
  firstName: PersonName,
  lastName: PersonName,
  organisationIds: z.array(Id).min(1, "au moins une organisation"),
  serviceIds: z.array(Id),
  role: AgentRole,
});

/** A single occurrence of a recurring rule or absence, cancelled or moved. */
export const OccurrenceException = z.union([
  z.object({ day: LocalDate, cancelled: z.literal(true) }).strict(),
  z
    .object({ day: LocalDate, moved: z.object({ day: LocalDate, start: LocalTime, end: LocalTime }).strict() })
    .strict()
    .refine((e) => minutesOf(e.moved.end) > minutesOf(e.moved.start), {
      path: ["moved", "end"],
      message: "doit être après le début",
    }),
]);

export const OpeningRuleInput = z
  .object({
    id: Id,
    agentId: Id,
    placeId: Id,
    motifIds: z.array(Id).min(1, "au moins un motif"),
    firstDay: LocalDate,
    until: LocalDate.optional(),
    start: LocalTime,
    end: LocalTime,
    recurrence: Recurrence.nullable().default(null),
    exceptions: z.array(OccurrenceException).default([]),
  })
  .superRefine((rule, ctx) => {
    if (minutesOf(rule.end) <= minutesOf(rule.start)) {
      ctx.addIssue({ code: "custom", path: ["end"], message: "doit être après le début" });
    }
    if (rule.until && rule.until < rule.firstDay) {
      ctx.addIssue({ code: "custom", path: ["until"], message: "doit être le premier jour ou après" });
    }
  });

export const AbsenceInput = z
  .object({
    id: Id,
    agentId: Id,
    title: z.string().trim().max(150).optional(),
    start: LocalDateTime,
    end: LocalDateTime,
    recurrence: Recurrence.nullable().default(null),
    until: LocalDate.optional(),
    exceptions: z.array(OccurrenceException).default([]),
  })
  .superRefine((absence, ctx) => {
    if (absence.end <= absence.start) {
      ctx.addIssue({ code: "custom", path: ["end"], message: "doit être après le début" });
    }
  });

export type MotifInput = z.infer<typeof MotifInput>;
export type OpeningRuleInput = z.infer<typeof OpeningRuleInput>;
export type AbsenceInput = z.infer<typeof AbsenceInput>;
