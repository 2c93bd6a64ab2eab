/**
 * `DepartmentFile.preview`, the import's dry run: the same validation and code as `load`, every
 * write kept instead of sent and compared with the table. This file has its own table, so the
 * counts are exact.
 */
import { describe, expect, it } from "vitest";
import { ValidationError } from "../error";
import { tableSnapshot } from "../testing/table";
import { smallDepartment } from "../testing/department-fixture";
import * as DepartmentFile from "./index";

const none = { created: 0, updated: 0, unchanged: 0, deleted: 0 };
const created = (n: number) => ({ ...none, created: n });
const unchanged = (n: number) => ({ ...none, unchanged: n });

describe("département file dry run", () => {
  it("writes nothing and says what a first import would create", async () => {
    const result = await DepartmentFile.preview(smallDepartment());
    expect(result.summary).toEqual({ organisations: 2, services: 2, places: 2, motifs: 3, agents: 2, openingRules: 2, absences: 1, appointments: 1, communes: 3 });
    expect(result.changes).toEqual({
      department: created(1),
      organisation: created(2),
      service: created(2),
      place: created(2),
      motif: created(3),
      agent: created(2),
      membership: created(3),
      openingRule: created(2),
      absence: created(1),
      servedCommune: created(3),
      appointment: created(1),
      stats: created(1),
      serviceUser: created(1),
      userProfile: created(1),
      participation: created(1),
      agentDay: created(1),
      // busy time by place: each agent's place list, and the places recording whom they cover
      // (their copies of the days are not foreseen: the dry run reads the place lists it did not write)
      agentPlaces: created(2),
      placeAgents: created(2),
    });
    expect(await tableSnapshot()).toEqual([]);
  });

  it("after an import: the same file changes nothing, an edited one shows what it changes", async () => {
    await DepartmentFile.load(smallDepartment());
    const loaded = await tableSnapshot();

    const same = await DepartmentFile.preview(smallDepartment());
    expect(same.changes).toEqual({
      department: unchanged(1),
      organisation: unchanged(2),
      service: unchanged(2),
      place: unchanged(2),
      motif: unchanged(3),
      agent: unchanged(2),
      membership: unchanged(3),
      openingRule: unchanged(2),
      absence: unchanged(1),
      servedCommune: unchanged(3),
      appointment: unchanged(1),
      stats: unchanged(1),
      serviceUser: unchanged(1),
      userProfile: unchanged(1),
      participation: unchanged(1),
      // the agents' busy days are only written when they gain time
    });

    const edited = smallDepartment();
    edited.motifs![0]!.name = "Consultation du nourrisson";
    edited.places!.push({ id: "t-place-avion", organisationId: "t-mds-arras", name: "Antenne d'Avion", address: "3 rue Lamartine, 62210 Avion" });
    edited.organisations![0]!.communes = ["62041"]; // Avion (62065) is no longer served
    const changes = (await DepartmentFile.preview(edited)).changes;
    expect(changes.motif).toEqual({ ...none, updated: 1, unchanged: 2 });
    expect(changes.place).toEqual({ ...none, created: 1, unchanged: 2 });
    expect(changes.organisation).toEqual({ ...none, updated: 1, unchanged: 1 });
    expect(changes.servedCommune).toEqual({ ...none, unchanged: 2, deleted: 1 });
    expect(await tableSnapshot()).toEqual(loaded);
  });

  it("refuses what the import refuses, with the same fields", async () => {
    const input = smallDepartment();
    input.openingRules![0]!.placeId = "nowhere";
    const before = await tableSnapshot();
    const error = await DepartmentFile.preview(input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual({ "openingRules[0].placeId": "lieu inconnu : nowhere" });
    expect(await tableSnapshot()).toEqual(before);
  });
});
