import type { AbsenceInput, MotifInput, OpeningRuleInput } from "../schema/department-file";
import { parsePhone } from "../schema/phone";

/** Items written for the département file's entries and for the agents' configuration screens: one mapping. */
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
