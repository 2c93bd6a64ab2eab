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
