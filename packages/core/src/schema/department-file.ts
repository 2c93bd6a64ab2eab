import * as z from "zod";
import {
  DepartmentCode,
  Email,
  Id,
  LocalDate,
  LocalDateTime,
  PersonName,
  Timezone,
  expectedTimezone,
} from "./common";
import { parsePhone } from "./phone";

/**
 * The département file (version 1): the one definition of the format `npm run import` loads.
 * A JSON Schema is generated from it (docs/department-file.schema.json) for départements
 * preparing files. Dates and times are wall-clock in the département's timezone.
 */

export const DepartmentSettings = z
  .object({
    code: DepartmentCode,
    name: z.string().trim().min(1).max(100),
    timezone: Timezone,
    whitMondayWorked: z.boolean().default(false),
  })
  .superRefine((department, ctx) => {
    const expected = expectedTimezone(department.code);
    if (department.timezone !== expected) {
      ctx.addIssue({
        code: "custom",
        path: ["timezone"],
        message: `le département ${department.code} utilise le fuseau ${expected}`,
      });
    }
  });
export type DepartmentSettings = z.infer<typeof DepartmentSettings>;

export * from "./configuration";
import { AbsenceInput, AgentInput, MotifInput, OpeningRuleInput, OrganisationInput, PlaceInput, ServiceInput } from "./configuration";

export const APPOINTMENT_STATUSES = ["booked", "seen", "excused", "revoked", "noshow"] as const;
export const AppointmentStatus = z.enum(APPOINTMENT_STATUSES);

export const RelativeInput = z.object({
  firstName: PersonName,
  lastName: PersonName,
  birthDate: LocalDate.optional(),
});

export const ServiceUserInput = z.object({
  id: Id,
  firstName: PersonName,
  lastName: PersonName,
  phone: z.string().trim().min(1).max(30).optional(),
  email: Email.optional(),
  birthDate: LocalDate.optional(),
  address: z.string().trim().min(1).max(300).optional(),
  smsOptOut: z.boolean().default(false),
  relative: RelativeInput.optional(),
});

export const AppointmentInput = z
  .object({
    id: Id,
    motifId: Id,
    placeId: Id,
    agentIds: z.array(Id).min(1, "au moins un agent"),
    start: LocalDateTime,
    end: LocalDateTime.optional(),
    status: AppointmentStatus.default("booked"),
    createdBy: z.enum(["usager", "agent"]).default("agent"),
    serviceUsers: z.array(ServiceUserInput).min(1, "au moins un usager"),
  })
  .superRefine((appointment, ctx) => {
    if (appointment.end && appointment.end <= appointment.start) {
      ctx.addIssue({ code: "custom", path: ["end"], message: "doit être après le début" });
    }
  });

export const DepartmentFileBase = z.object({
  version: z.literal(1),
  department: DepartmentSettings,
  organisations: z.array(OrganisationInput).default([]),
  services: z.array(ServiceInput).default([]),
  places: z.array(PlaceInput).default([]),
  motifs: z.array(MotifInput).default([]),
  agents: z.array(AgentInput).default([]),
  openingRules: z.array(OpeningRuleInput).default([]),
  absences: z.array(AbsenceInput).default([]),
  appointments: z.array(AppointmentInput).default([]),
});

type Base = z.infer<typeof DepartmentFileBase>;

/** Cross-references between the file's collections: unknown ids and duplicates name their path. */
function checkReferences(file: Base, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
  const ids = <T extends { id: string }>(key: keyof Base, items: T[]) => {
    const seen = new Map<string, T>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) issue([key as string, i, "id"], `identifiant en double : ${item.id}`);
      seen.set(item.id, item);
    });
    return seen;
  };
  const organisations = ids("organisations", file.organisations);
  const services = ids("services", file.services);
  const places = ids("places", file.places);
  const motifs = ids("motifs", file.motifs);
  const agents = ids("agents", file.agents);
  ids("openingRules", file.openingRules);
  ids("absences", file.absences);
  ids("appointments", file.appointments);

  const emails = new Map<string, number>();
  file.agents.forEach((agent, i) => {
    const email = agent.email.toLowerCase();
    if (emails.has(email)) issue(["agents", i, "email"], `adresse déjà utilisée par agents[${emails.get(email)}]`);
    emails.set(email, i);
    agent.organisationIds.forEach((id, j) => {
      if (!organisations.has(id)) issue(["agents", i, "organisationIds", j], `organisation inconnue : ${id}`);
    });
    agent.serviceIds.forEach((id, j) => {
      if (!services.has(id)) issue(["agents", i, "serviceIds", j], `service inconnu : ${id}`);
    });
  });
  file.places.forEach((place, i) => {
    if (place.phone && !parsePhone(place.phone, file.department.code)) {
      issue(["places", i, "phone"], "numéro de téléphone invalide");
    }
    if (!organisations.has(place.organisationId)) {
      issue(["places", i, "organisationId"], `organisation inconnue : ${place.organisationId}`);
    }
  });
  file.motifs.forEach((motif, i) => {
    if (!organisations.has(motif.organisationId)) {
      issue(["motifs", i, "organisationId"], `organisation inconnue : ${motif.organisationId}`);
    }
    if (!services.has(motif.serviceId)) issue(["motifs", i, "serviceId"], `service inconnu : ${motif.serviceId}`);
  });
  file.openingRules.forEach((rule, i) => {
    const agent = agents.get(rule.agentId);
    const place = places.get(rule.placeId);
    if (!agent) issue(["openingRules", i, "agentId"], `agent inconnu : ${rule.agentId}`);
    if (!place) issue(["openingRules", i, "placeId"], `lieu inconnu : ${rule.placeId}`);
    if (agent && place && !agent.organisationIds.includes(place.organisationId)) {
      issue(["openingRules", i, "placeId"], "le lieu appartient à une organisation dont l'agent ne fait pas partie");
    }
    rule.motifIds.forEach((id, j) => {
      const motif = motifs.get(id);
      if (!motif) issue(["openingRules", i, "motifIds", j], `motif inconnu : ${id}`);
      else if (place && motif.organisationId !== place.organisationId) {
        issue(["openingRules", i, "motifIds", j], "le motif appartient à une autre organisation que le lieu");
      }
    });
  });
  file.absences.forEach((absence, i) => {
    if (!agents.has(absence.agentId)) issue(["absences", i, "agentId"], `agent inconnu : ${absence.agentId}`);
  });
  file.appointments.forEach((appointment, i) => {
    const motif = motifs.get(appointment.motifId);
    const place = places.get(appointment.placeId);
    if (!motif) issue(["appointments", i, "motifId"], `motif inconnu : ${appointment.motifId}`);
    if (!place) issue(["appointments", i, "placeId"], `lieu inconnu : ${appointment.placeId}`);
    if (motif && place && motif.organisationId !== place.organisationId) {
      issue(["appointments", i, "placeId"], "le lieu appartient à une autre organisation que le motif");
    }
    appointment.agentIds.forEach((id, j) => {
      if (!agents.has(id)) issue(["appointments", i, "agentIds", j], `agent inconnu : ${id}`);
    });
    appointment.serviceUsers.forEach((user, j) => {
      if (user.phone && !parsePhone(user.phone, file.department.code)) {
        issue(["appointments", i, "serviceUsers", j, "phone"], "numéro de téléphone invalide");
      }
    });
    if (motif && !motif.collective && appointment.serviceUsers.length > 1) {
      issue(["appointments", i, "serviceUsers"], "un seul usager pour un motif individuel");
    }
    if (motif?.capacity !== undefined && appointment.serviceUsers.length > motif.capacity) {
      issue(["appointments", i, "serviceUsers"], `capacité du motif dépassée (${motif.capacity})`);
    }
  });
}

export const DepartmentFile = DepartmentFileBase.superRefine(checkReferences);
export type DepartmentFile = z.infer<typeof DepartmentFile>;
export type DepartmentFileInput = z.input<typeof DepartmentFile>;
export type AppointmentInput = z.infer<typeof AppointmentInput>;
export type ServiceUserInput = z.infer<typeof ServiceUserInput>;
