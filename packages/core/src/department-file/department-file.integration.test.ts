import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { tableSnapshot } from "../testing/table";
import { ValidationError } from "../error";
import * as ManageToken from "../manage-token";
import { smallDepartment } from "../testing/department-fixture";
import { Db } from "../db/service";
import * as Agent from "../agent";
import * as DepartmentFile from "./index";

const snapshot = tableSnapshot;

async function expectRefused(input: unknown, fields: Record<string, string>, options?: DepartmentFile.LoadOptions) {
  const before = await snapshot();
  const error = await DepartmentFile.load(input, options).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).fields).toEqual(fields);
  expect(await snapshot()).toEqual(before);
}

describe("département file import", () => {
  it("refuses a broken file with the field path and writes nothing", async () => {
    const input = smallDepartment();
    (input.motifs![2] as { durationMinutes: number }).durationMinutes = 0;
    input.appointments![0]!.placeId = "nowhere";
    await expectRefused(input, {
      "motifs[2].durationMinutes": "Too small: expected number to be >=5",
      "appointments[0].placeId": "lieu inconnu : nowhere",
    });
    expect(await snapshot()).toEqual([]);
  });

  it("refuses communes that do not exist or belong to another département", async () => {
    const input = smallDepartment();
    input.organisations![0]!.communes = ["62041", "59350", "62999"];
    await expectRefused(input, {
      "organisations[0].communes[1]": "la commune 59350 (Lille) n'est pas dans le département 62",
      "organisations[0].communes[2]": "commune inconnue : 62999",
    });
  });

  it("loads a file, and loading it again leaves the same data", async () => {
    const summary = await DepartmentFile.load(smallDepartment());
    expect(summary).toEqual({ organisations: 2, services: 2, places: 2, motifs: 3, agents: 2, openingRules: 2, absences: 1, appointments: 1, communes: 3 });
    const first = await snapshot();
    await DepartmentFile.load(smallDepartment());
    const second = await snapshot();
    expect(second).toEqual(first);

    // what was written is what the file says
    const appointment = (await Db.collections.appointment({ appointmentId: "t-rdv-1" }).go()).data;
    expect(appointment.appointment[0]).toMatchObject({
      startsAt: "2026-12-07T08:30:00.000Z", // 09:30 in Paris in winter
      endsAt: "2026-12-07T09:00:00.000Z",
      organisationId: "t-mds-arras",
      timezone: "Europe/Paris",
    });
    const participation = appointment.participation[0]!;
    expect(participation.relative).toEqual({ firstName: "Léo", lastName: "Dubois" });
    expect(participation.tokenHash).toBe(ManageToken.hash(ManageToken.derive(participation.participationId, 1)));
    const usager = (await Db.entities.serviceUser.get({ serviceUserId: "t-usager-1" }).go()).data;
    expect(usager).toMatchObject({ phone: "+33612345678", phoneIsMobile: true });
    const day = (await Db.entities.agentDay.get({ agentId: "t-alice", day: "2026-12-07" }).go()).data;
    expect(day?.busy).toEqual([{ appointmentId: "t-rdv-1", start: "2026-12-07T08:30:00.000Z", end: "2026-12-07T09:00:00.000Z" }]);
    const place = (await Db.entities.place.get({ placeId: "t-place-arras" }).go()).data;
    expect(place?.phone).toBe("+33321000000");
    expect(place?.shortName).toBeUndefined();
  });

  it("keeps a place's short name for SMS", async () => {
    const input = smallDepartment();
    input.places![0]!.shortName = "MDS Arras";
    await DepartmentFile.load(input);
    expect((await Db.entities.place.get({ placeId: "t-place-arras" }).go()).data).toMatchObject({ name: "MDS d'Arras", shortName: "MDS Arras" });
    await DepartmentFile.load(smallDepartment()); // a file without it removes it
    expect((await Db.entities.place.get({ placeId: "t-place-arras" }).go()).data?.shortName).toBeUndefined();
  });

  it("loads an usager with several appointments in one organisation (one profile)", async () => {
    const input = smallDepartment("twice");
    const first = input.appointments![0]!;
    input.appointments!.push({ ...first, id: "twice-rdv-2", start: "2026-12-17T10:00" });
    await DepartmentFile.load(input);
    const profiles = await Db.entities.userProfile.query.byServiceUser({ serviceUserId: "twice-usager-1" }).go();
    expect(profiles.data.map((p) => p.organisationId)).toEqual(["twice-mds-arras"]);
    expect((await Db.entities.appointment.get({ appointmentId: "twice-rdv-2" }).go()).data?.label).toBe("Dubois Chloé (Léo)");
  });

  it("rebuilds the served communes from the organisations", async () => {
    const input = smallDepartment();
    input.organisations![1]!.communes = ["62510"];
    await DepartmentFile.load(input);
    const served = await Db.entities.servedCommune.query.primary({}).go({ pages: "all" });
    expect(served.data.map((c) => [c.code, c.name, c.organisationIds])).toEqual([
      ["62041", "Arras", ["t-mds-arras"]],
      ["62065", "Avion", ["t-mds-arras"]],
      ["62510", "Liévin", ["t-mds-lens"]],
    ]);
  });

  it("refuses a file of another département once one is loaded", async () => {
    await DepartmentFile.load(smallDepartment());
    const other = smallDepartment("n", {
      department: { code: "59", name: "Nord", timezone: "Europe/Paris" },
      organisations: [{ id: "n-mds", name: "MDS Lille", communes: ["59350"] }],
      places: [], motifs: [], agents: [], openingRules: [], absences: [], appointments: [],
    });
    await expectRefused(other, { "department.code": "cette base sert déjà le département 62 ; un fichier du 59 est refusé" });
  });

  it("refuses, on a stage, a file of another département than the stage's settings", async () => {
    await expectRefused(smallDepartment("st"), { "department.code": "la stage nord sert le département 59 ; ce fichier est celui du 62" }, { expectedDepartment: { code: "59", stage: "nord" } });
  });

  it("loads again without erasing the password an agent chose, and tells each kind as it is written", async () => {
    await DepartmentFile.load(smallDepartment("pw"));
    await Agent.setPasswordHash("pw-bruno", "scrypt$hash-chosen-by-bruno");
    const progress: string[] = [];
    await DepartmentFile.load(smallDepartment("pw"), { onProgress: (kind, count) => progress.push(`${kind} ${count}`) });
    expect((await Agent.get("pw-bruno"))?.passwordHash).toBe("scrypt$hash-chosen-by-bruno");
    expect((await Agent.get("pw-alice"))?.passwordHash).toBeUndefined();
    expect(progress).toEqual(["organisations 2", "services 2", "places 2", "motifs 3", "agents 2", "openingRules 2", "absences 1", "communes 3", "appointments 1"]);
  });

  it("loads the committed demo département", async () => {
    const demo = DepartmentFile.parseJson(readFileSync(new URL("../../../../config/departments/demo.json", import.meta.url), "utf8"));
    const file = DepartmentFile.validate(demo);
    expect(file.department.code).toBe("62");
    expect(file.organisations.length).toBeGreaterThanOrEqual(3);
    expect(file.agents.length).toBeGreaterThanOrEqual(10);
    expect(new Set(file.motifs.map((m) => m.locationType)).size).toBeGreaterThanOrEqual(3);
    expect(file.openingRules.some((r) => r.recurrence && "everyWeeks" in r.recurrence && r.recurrence.everyWeeks === 2)).toBe(true);
  });
});
