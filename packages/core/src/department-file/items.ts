import type { AbsenceRecord } from "../agent-time";
import type { MotifRecord } from "../motif";
import type { OpeningRuleRecord } from "../opening-rule";
import type { OrganisationRecord } from "../organisation";
import type { PlaceRecord } from "../place";
import type { AbsenceInput, MotifInput, OpeningRuleInput } from "../schema/department-file";
import type { ServiceRecord } from "../service";
import type { ServiceUserRecord } from "../service-user";
import { parsePhone } from "../schema/phone";

/** Items written for the département file's entries and for the agents' configuration screens, and the way back (the export): one mapping. */
export function placeItem(p: { id: string; organisationId: string; name: string; shortName?: string; address: string; phone?: string }, departmentCode: string) {
  return {
    placeId: p.id,
    organisationId: p.organisationId,
    name: p.name,
    shortName: p.shortName,
    address: p.address,
    phone: p.phone ? parsePhone(p.phone, departmentCode)?.e164 : undefined,
  };
}

export function motifItem(m: MotifInput) {
  return {
    motifId: m.id,
    organisationId: m.organisationId,
    serviceId: m.serviceId,
    name: m.name,
    durationMinutes: m.durationMinutes,
    locationType: m.locationType,
    online: m.online,
    minDelayMinutes: m.minDelayMinutes,
    maxDelayDays: m.maxDelayDays,
    bufferMinutes: m.bufferMinutes,
    collective: m.collective,
    capacity: m.capacity,
    cancelUntilMinutesBefore: m.cancelUntilMinutesBefore === false ? -1 : m.cancelUntilMinutesBefore,
    rescheduleUntilMinutesBefore: m.rescheduleUntilMinutesBefore === false ? -1 : m.rescheduleUntilMinutesBefore,
    notification: m.notification,
    reminderLeadHours: m.reminderLeadHours,
    instructions: m.instructions,
    videoUrl: m.videoUrl,
    // written only when set: files without them stay as they were
    invitationOnly: m.invitationOnly || undefined,
    referentOnly: m.referentOnly || undefined,
  };
}

export function openingRuleItem(r: OpeningRuleInput, organisationId: string) {
  return {
    ruleId: r.id,
    agentId: r.agentId,
    placeId: r.placeId,
    organisationId,
    motifIds: r.motifIds,
    firstDay: r.firstDay,
    until: r.until,
    start: r.start,
    end: r.end,
    recurrence: r.recurrence ?? undefined,
    exceptions: r.exceptions,
  };
}

export function absenceItem(a: AbsenceInput) {
  return {
    agentId: a.agentId,
    absenceId: a.id,
    title: a.title,
    start: a.start,
    end: a.end,
    recurrence: a.recurrence ?? undefined,
    until: a.until,
    exceptions: a.exceptions,
  };
}

/*
 * The way back, for the département export: a stored record as the file's entry. Every field of
 * the entry is written, defaults included; stored forms are kept (phones in E.164, e-mails in
 * lower case). Nothing else of the record goes out (timestamps, password hashes, token hashes).
 */

export function organisationEntry(o: OrganisationRecord) {
  return { id: o.organisationId, name: o.name, communes: o.communes };
}

export function serviceEntry(s: ServiceRecord) {
  return { id: s.serviceId, name: s.name, shortName: s.shortName };
}

export function placeEntry(p: PlaceRecord) {
  return { id: p.placeId, organisationId: p.organisationId, name: p.name, shortName: p.shortName, address: p.address, phone: p.phone };
}

export function motifEntry(m: MotifRecord) {
  return {
    id: m.motifId,
    serviceId: m.serviceId,
    organisationId: m.organisationId,
    name: m.name,
    durationMinutes: m.durationMinutes,
    locationType: m.locationType,
    online: m.online,
    minDelayMinutes: m.minDelayMinutes,
    maxDelayDays: m.maxDelayDays,
    bufferMinutes: m.bufferMinutes,
    collective: m.collective,
    capacity: m.capacity,
    cancelUntilMinutesBefore: m.cancelUntilMinutesBefore < 0 ? (false as const) : m.cancelUntilMinutesBefore,
    rescheduleUntilMinutesBefore: m.rescheduleUntilMinutesBefore < 0 ? (false as const) : m.rescheduleUntilMinutesBefore,
    notification: m.notification,
    reminderLeadHours: m.reminderLeadHours,
    instructions: m.instructions,
    videoUrl: m.videoUrl,
    // written only when set: files without them stay as they were
    invitationOnly: m.invitationOnly || undefined,
    referentOnly: m.referentOnly || undefined,
  };
}

export function openingRuleEntry(r: OpeningRuleRecord) {
  return {
    id: r.ruleId,
    agentId: r.agentId,
    placeId: r.placeId,
    motifIds: r.motifIds,
    firstDay: r.firstDay,
    until: r.until,
    start: r.start,
    end: r.end,
    recurrence: r.recurrence ?? null,
    exceptions: r.exceptions as unknown[],
  };
}

export function absenceEntry(a: AbsenceRecord) {
  return {
    id: a.absenceId,
    agentId: a.agentId,
    title: a.title,
    start: a.start,
    end: a.end,
    recurrence: a.recurrence ?? null,
    until: a.until,
    exceptions: a.exceptions as unknown[],
  };
}

export function serviceUserEntry(u: ServiceUserRecord, relative: { firstName: string; lastName: string; birthDate?: string } | undefined) {
  return {
    id: u.serviceUserId,
    firstName: u.firstName,
    lastName: u.lastName,
    phone: u.phone,
    email: u.email,
    birthDate: u.birthDate,
    address: u.address,
    smsOptOut: u.smsOptOut,
    relative: relative && { firstName: relative.firstName, lastName: relative.lastName, birthDate: relative.birthDate },
  };
}
