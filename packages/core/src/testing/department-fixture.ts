import type { DepartmentFileInput } from "../schema/department-file";

/**
 * A small, valid département file for tests, with ids prefixed so integration tests sharing a
 * table never collide. Override any collection to build the case under test.
 */
export function smallDepartment(prefix = "t", overrides: Partial<DepartmentFileInput> = {}): DepartmentFileInput {
  const id = (name: string) => `${prefix}-${name}`;
  return {
    version: 1,
    department: { code: "62", name: "Pas-de-Calais", timezone: "Europe/Paris" },
    organisations: [
      { id: id("mds-arras"), name: "MDS Arras", communes: ["62041", "62065"] },
      { id: id("mds-lens"), name: "MDS Lens", communes: ["62498", "62041"] },
    ],
    services: [
      { id: id("pmi"), name: "PMI" },
      { id: id("social"), name: "Service social" },
    ],
    places: [
      { id: id("place-arras"), organisationId: id("mds-arras"), name: "MDS d'Arras", address: "1 rue de la Paix, 62000 Arras", phone: "03 21 00 00 00" },
      { id: id("place-lens"), organisationId: id("mds-lens"), name: "MDS de Lens", address: "2 place Jean Jaurès, 62300 Lens" },
    ],
    motifs: [
      { id: id("consult"), serviceId: id("pmi"), organisationId: id("mds-arras"), name: "Consultation nourrisson", durationMinutes: 30, locationType: "on_site", online: true, minDelayMinutes: 30, maxDelayDays: 60, collective: false },
      { id: id("atelier"), serviceId: id("pmi"), organisationId: id("mds-arras"), name: "Atelier portage", durationMinutes: 90, locationType: "on_site", online: true, minDelayMinutes: 60, maxDelayDays: 60, collective: true, capacity: 6 },
      { id: id("social-phone"), serviceId: id("social"), organisationId: id("mds-lens"), name: "Entretien téléphonique", durationMinutes: 20, locationType: "phone", online: true, minDelayMinutes: 30, maxDelayDays: 30, collective: false },
    ],
    agents: [
      { id: id("alice"), email: `${prefix}.alice@demo.rdv.local`, firstName: "Alice", lastName: "Martin", organisationIds: [id("mds-arras")], serviceIds: [id("pmi")], role: "agent" },
      { id: id("bruno"), email: `${prefix}.bruno@demo.rdv.local`, firstName: "Bruno", lastName: "Lefebvre", organisationIds: [id("mds-arras"), id("mds-lens")], serviceIds: [id("pmi"), id("social")], role: "admin" },
    ],
    openingRules: [
      { id: id("rule-alice"), agentId: id("alice"), placeId: id("place-arras"), motifIds: [id("consult"), id("atelier")], firstDay: "2026-12-07", until: "2027-03-31", start: "09:00", end: "12:00", recurrence: { everyWeeks: 1, weekdays: ["mon", "thu"] }, exceptions: [{ day: "2026-12-10", cancelled: true }] },
      { id: id("rule-bruno"), agentId: id("bruno"), placeId: id("place-lens"), motifIds: [id("social-phone")], firstDay: "2026-12-08", start: "13:30", end: "17:00", recurrence: { everyWeeks: 2, weekdays: ["tue"] } },
    ],
    absences: [{ id: id("abs-alice"), agentId: id("alice"), start: "2026-12-14T10:00", end: "2026-12-14T11:00" }],
    appointments: [
      {
        id: id("rdv-1"),
        motifId: id("consult"),
        placeId: id("place-arras"),
        agentIds: [id("alice")],
        start: "2026-12-07T09:30",
        status: "booked",
        serviceUsers: [{ id: id("usager-1"), firstName: "Chloé", lastName: "Dubois", phone: "06 12 34 56 78", relative: { firstName: "Léo", lastName: "Dubois" } }],
      },
    ],
    ...overrides,
  };
}

/**
 * A département file with every kind the format carries and the values that are not defaults:
 * Whit Monday worked, a service's short name, a motif with every option, three roles, weekly,
 * fortnightly, monthly and single-day rules with cancelled and moved occurrences, single and recurring
 * absences, appointments of every status (past and future, online and by agents, a home visit
 * with two agents, a collective session of two usagers, an usager with every field and a child).
 */
export function everyKindDepartment(prefix = "k"): DepartmentFileInput {
  const id = (name: string) => `${prefix}-${name}`;
  const base = smallDepartment(prefix);
  const chloe = { id: id("usager-1"), firstName: "Chloé", lastName: "Dubois", phone: "06 12 34 56 78", relative: { firstName: "Léo", lastName: "Dubois", birthDate: "2026-03-02" } };
  const marc = { id: id("usager-2"), firstName: "Marc", lastName: "Petit", phone: "+33 7 81 22 33 44", email: "Marc.Petit@example.fr", birthDate: "1988-04-30", address: "5 rue Verte, 62000 Arras", smsOptOut: true };
  const nadia = { id: id("usager-3"), firstName: "Nadia", lastName: "Benali" };
  return smallDepartment(prefix, {
    department: { code: "62", name: "Pas-de-Calais", timezone: "Europe/Paris", whitMondayWorked: true },
    services: [{ id: id("pmi"), name: "Protection maternelle et infantile", shortName: "PMI" }, base.services![1]!],
    motifs: [
      ...base.motifs!,
      { id: id("visite"), serviceId: id("pmi"), organisationId: id("mds-arras"), name: "Visite à domicile", durationMinutes: 60, locationType: "home", online: false, minDelayMinutes: 0, maxDelayDays: 30, bufferMinutes: 15, collective: false, cancelUntilMinutesBefore: false, rescheduleUntilMinutesBefore: false, notification: "discreet", reminderLeadHours: 24, instructions: "Prévoir le carnet de santé." },
      { id: id("visio"), serviceId: id("social"), organisationId: id("mds-lens"), name: "Entretien en visio", durationMinutes: 30, locationType: "video", online: true, minDelayMinutes: 30, maxDelayDays: 60, collective: false, videoUrl: "https://visio.example.fr/lens-social" },
    ],
    agents: [
      ...base.agents!,
      { id: id("carla"), email: `${prefix}.Carla@demo.rdv.local`, firstName: "Carla", lastName: "Roux", organisationIds: [id("mds-arras")], serviceIds: [], role: "secretariat" },
    ],
    openingRules: [
      { ...base.openingRules![0]!, exceptions: [{ day: "2026-12-10", cancelled: true }, { day: "2026-12-14", moved: { day: "2026-12-15", start: "14:00", end: "17:00" } }] },
      base.openingRules![1]!,
      { id: id("rule-visite"), agentId: id("alice"), placeId: id("place-arras"), motifIds: [id("visite")], firstDay: "2026-12-19", start: "09:00", end: "11:30" },
      { id: id("rule-monthly"), agentId: id("bruno"), placeId: id("place-lens"), motifIds: [id("social-phone")], firstDay: "2027-01-01", until: "2027-12-31", start: "09:00", end: "10:00", recurrence: { everyMonths: 1, ordinal: "last", weekday: "fri" }, exceptions: [{ day: "2027-01-29", moved: { day: "2027-01-28", start: "09:00", end: "10:00" } }] },
    ],
    absences: [
      { id: id("abs-alice"), agentId: id("alice"), start: "2026-12-14T10:00", end: "2026-12-14T11:00" },
      { id: id("abs-bruno"), agentId: id("bruno"), title: "Formation", start: "2026-12-08T13:30", end: "2026-12-08T15:00", recurrence: { everyWeeks: 2, weekdays: ["tue"] }, until: "2027-02-28", exceptions: [{ day: "2026-12-22", cancelled: true }] },
      { id: id("abs-monthly"), agentId: id("alice"), title: "Réunion d'équipe", start: "2027-01-12T14:00", end: "2027-01-12T16:00", recurrence: { everyMonths: 2, ordinal: 2, weekday: "tue" }, exceptions: [{ day: "2027-03-09", cancelled: true }] },
    ],
    appointments: [
      { id: id("rdv-1"), motifId: id("consult"), placeId: id("place-arras"), agentIds: [id("alice")], start: "2026-12-07T09:30", status: "booked", createdBy: "usager", serviceUsers: [chloe] },
      { id: id("rdv-2"), motifId: id("consult"), placeId: id("place-arras"), agentIds: [id("alice")], start: "2026-11-23T10:00", end: "2026-11-23T10:45", status: "seen", serviceUsers: [marc] },
      { id: id("rdv-3"), motifId: id("consult"), placeId: id("place-arras"), agentIds: [id("alice")], start: "2026-11-26T11:00", status: "noshow", serviceUsers: [chloe] },
      { id: id("rdv-4"), motifId: id("social-phone"), placeId: id("place-lens"), agentIds: [id("bruno")], start: "2026-12-08T14:00", status: "excused", createdBy: "usager", serviceUsers: [nadia] },
      { id: id("rdv-5"), motifId: id("social-phone"), placeId: id("place-lens"), agentIds: [id("bruno")], start: "2026-12-22T15:00", status: "revoked", serviceUsers: [marc] },
      { id: id("rdv-6"), motifId: id("visite"), placeId: id("place-arras"), agentIds: [id("bruno"), id("alice")], start: "2026-12-19T09:00", serviceUsers: [marc] },
      { id: id("session"), motifId: id("atelier"), placeId: id("place-arras"), agentIds: [id("alice")], start: "2026-12-10T14:00", serviceUsers: [nadia, chloe] },
    ],
  });
}
