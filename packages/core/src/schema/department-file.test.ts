import { describe, expect, it } from "vitest";
import { smallDepartment } from "../testing/department-fixture";
import { fieldErrors } from "./common";
import { DepartmentFile } from "./department-file";

function errorsOf(input: unknown): Record<string, string> {
  const result = DepartmentFile.safeParse(input);
  if (result.success) return {};
  return fieldErrors(result.error);
}

describe("département file schema", () => {
  it("accepts a valid file and applies the defaults", () => {
    const file = DepartmentFile.parse(smallDepartment());
    expect(file.department.whitMondayWorked).toBe(false);
    expect(file.motifs[0]).toMatchObject({ bufferMinutes: 0, cancelUntilMinutesBefore: 120, rescheduleUntilMinutesBefore: 1440, notification: "normal" });
    expect(file.appointments[0]!.status).toBe("booked");
  });

  it("names the path of a bad field", () => {
    const input = smallDepartment();
    (input.motifs![2] as { durationMinutes: number }).durationMinutes = 7;
    expect(errorsOf(input)).toEqual({ "motifs[2].durationMinutes": "multiple de 5 minutes attendu" });
  });

  it("names cross-references to unknown ids", () => {
    const input = smallDepartment();
    input.openingRules![1]!.placeId = "nowhere";
    input.appointments![0]!.agentIds = ["t-alice", "ghost"];
    expect(errorsOf(input)).toEqual({
      "openingRules[1].placeId": "lieu inconnu : nowhere",
      "appointments[0].agentIds[1]": "agent inconnu : ghost",
    });
  });

  it("refuses duplicate ids, a place of another organisation and an impossible date", () => {
    const input = smallDepartment();
    input.services!.push({ id: "t-pmi", name: "Doublon" });
    input.openingRules![0]!.placeId = "t-place-lens";
    input.absences![0]!.start = "2026-02-30T10:00";
    expect(errorsOf(input)).toEqual({
      "absences[0].start": "date inexistante",
      "services[2].id": "identifiant en double : t-pmi",
      "openingRules[0].placeId": "le lieu appartient à une organisation dont l'agent ne fait pas partie",
      "openingRules[0].motifIds[0]": "le motif appartient à une autre organisation que le lieu",
      "openingRules[0].motifIds[1]": "le motif appartient à une autre organisation que le lieu",
    });
  });

  it("requires the timezone of the département and a valid phone", () => {
    const input = smallDepartment("t", { department: { code: "974", name: "La Réunion", timezone: "Europe/Paris" } });
    expect(errorsOf(input)["department.timezone"]).toBe("le département 974 utilise le fuseau Indian/Reunion");
    const badPhone = smallDepartment();
    badPhone.appointments![0]!.serviceUsers[0]!.phone = "06 12";
    expect(errorsOf(badPhone)).toEqual({ "appointments[0].serviceUsers[0].phone": "numéro de téléphone invalide" });
  });

  it("takes an optional short name for SMS on services and places, 20 and 30 characters at most", () => {
    const input = smallDepartment();
    input.services![0]!.shortName = "PMI";
    input.places![0]!.shortName = "MDS Saint-Martin-lez-Tatinghem";
    expect(DepartmentFile.parse(input).places[0]!.shortName).toBe("MDS Saint-Martin-lez-Tatinghem");
    input.places![1]!.shortName = "Maison des solidarités de Lens centre";
    expect(errorsOf(input)).toEqual({ "places[1].shortName": expect.stringContaining("30") });
  });

  it("requires a capacity for collective motifs and an end after the start", () => {
    const input = smallDepartment();
    delete (input.motifs![1] as { capacity?: number }).capacity;
    input.openingRules![0]!.end = "08:00";
    expect(errorsOf(input)).toEqual({
      "motifs[1].capacity": "obligatoire pour un motif collectif",
      "openingRules[0].end": "doit être après le début",
    });
  });
});
