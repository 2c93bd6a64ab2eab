import { readFileSync } from "node:fs";
import { DateTime } from "luxon";
import { beforeEach, describe, expect, it } from "vitest";
import * as Appointment from "../appointment";
import * as Configuration from "../configuration";
import { Db } from "../db/service";
import * as DepartmentFile from "../department-file";
import { ValidationError } from "../error";
import * as ManageToken from "../manage-token";
import type { DepartmentFileInput } from "../schema/department-file";
import { parsePhone } from "../schema/phone";
import * as ServiceUser from "../service-user";
import * as Session from "../session";
import { everyKindDepartment } from "../testing/department-fixture";
import { clearTable, tableSnapshot } from "../testing/table";
import * as Export from "./department";

const NOW = new Date("2026-12-01T08:00:00Z");

// the export reads the whole table: each test starts from an empty one
beforeEach(clearTable);

async function exported(now = NOW) {
  const result = await Export.department({ now });
  const text = (name: string) => result.files.find((f) => f.name === name)!.body.toString("utf8");
  return { result, json: text("departement.json"), appointments: text("rendez-vous.csv"), usagers: text("usagers.csv") };
}

const byId = <T extends { id: string }>(items: T[]) => [...items].sort((a, b) => (a.id < b.id ? -1 : 1));

/**
 * The documented normalisations of an exported file: the format's defaults written out, every
 * collection (and an appointment's usagers) in order of id, phones in E.164, e-mails in lower
 * case, an appointment's end always given.
 */
function normalised(input: DepartmentFileInput): unknown {
  const file = DepartmentFile.validate(structuredClone(input));
  const e164 = (phone?: string) => (phone ? parsePhone(phone, file.department.code)!.e164 : undefined);
  const durations = new Map(file.motifs.map((m) => [m.id, m.durationMinutes]));
  const plain = {
    ...file,
    organisations: byId(file.organisations),
    services: byId(file.services),
    places: byId(file.places).map((p) => ({ ...p, phone: e164(p.phone) })),
    motifs: byId(file.motifs),
    agents: byId(file.agents).map((a) => ({ ...a, email: a.email.toLowerCase() })),
    openingRules: byId(file.openingRules),
    absences: byId(file.absences),
    appointments: byId(file.appointments).map((a) => ({
      ...a,
      end: a.end ?? DateTime.fromISO(a.start).plus({ minutes: durations.get(a.motifId)! }).toFormat("yyyy-MM-dd'T'HH:mm"),
      serviceUsers: byId(a.serviceUsers).map((u) => ({ ...u, phone: e164(u.phone), email: u.email?.toLowerCase() })),
    })),
  };
  return JSON.parse(JSON.stringify(plain));
}

/** Export, empty the table, load the exported file, export again. */
async function roundTrip() {
  const first = await exported();
  await clearTable();
  await DepartmentFile.load(DepartmentFile.parseJson(first.json));
  return { first, second: await exported() };
}

describe("département export", () => {
  it("writes back the file it was loaded from (up to the documented normalisations) and the CSVs' exact rows", async () => {
    const input = everyKindDepartment();
    await DepartmentFile.load(input);
    const { result, json, appointments, usagers } = await exported();

    expect(JSON.parse(json)).toEqual(normalised(input));
    expect(result.written).toEqual({
      file: { organisations: 2, services: 2, places: 2, motifs: 5, agents: 3, openingRules: 4, absences: 3, appointments: 7 },
      appointmentRows: 7,
      serviceUserRows: 3,
    });
    expect(result.read).toEqual({ organisations: 2, services: 2, places: 2, motifs: 5, agents: 3, openingRules: 4, absences: 3, appointments: 7, participations: 8, serviceUsers: 3 });
    expect(result.notes).toEqual({ appointmentsLeftOut: [], seatsLeftOut: [], serviceUsersLeftOut: [], agentsSimplified: [] });

    expect(appointments).toBe(
      "\ufeffIdentifiant;Date;Début;Fin;Statut;Service;Motif;Lieu;Agents;Usager;Places prises;Pris par;Organisation (identifiant);Motif (identifiant);Lieu (identifiant);Agents (identifiants);Usagers (identifiants)\n" +
        "k-rdv-2;23/11/2026;10:00;10:45;Honoré;Protection maternelle et infantile;Consultation nourrisson;MDS d'Arras;Alice Martin;Petit Marc;;Agent;k-mds-arras;k-consult;k-place-arras;k-alice;k-usager-2\n" +
        "k-rdv-3;26/11/2026;11:00;11:30;Absence non excusée;Protection maternelle et infantile;Consultation nourrisson;MDS d'Arras;Alice Martin;Dubois Chloé (Léo);;Agent;k-mds-arras;k-consult;k-place-arras;k-alice;k-usager-1\n" +
        "k-rdv-1;07/12/2026;09:30;10:00;Prévu;Protection maternelle et infantile;Consultation nourrisson;MDS d'Arras;Alice Martin;Dubois Chloé (Léo);;En ligne;k-mds-arras;k-consult;k-place-arras;k-alice;k-usager-1\n" +
        "k-rdv-4;08/12/2026;14:00;14:20;Annulé (excusé);Service social;Entretien téléphonique;MDS de Lens;Bruno Lefebvre;Benali Nadia;;En ligne;k-mds-lens;k-social-phone;k-place-lens;k-bruno;k-usager-3\n" +
        "k-session;10/12/2026;14:00;15:30;Prévu;Protection maternelle et infantile;Atelier portage;MDS d'Arras;Alice Martin;Séance collective;2/6;Agent;k-mds-arras;k-atelier;k-place-arras;k-alice;k-usager-1, k-usager-3\n" +
        "k-rdv-6;19/12/2026;09:00;10:00;Prévu;Protection maternelle et infantile;Visite à domicile;MDS d'Arras;Bruno Lefebvre, Alice Martin;Petit Marc;;Agent;k-mds-arras;k-visite;k-place-arras;k-bruno, k-alice;k-usager-2\n" +
        "k-rdv-5;22/12/2026;15:00;15:20;Annulé par le service;Service social;Entretien téléphonique;MDS de Lens;Bruno Lefebvre;Petit Marc;;Agent;k-mds-lens;k-social-phone;k-place-lens;k-bruno;k-usager-2\n",
    );
    expect(usagers).toBe(
      "\ufeffIdentifiant;Nom;Prénom;Téléphone;Mobile;E-mail;Date de naissance;Adresse;SMS refusés;Organisations (identifiants)\n" +
        "k-usager-1;Dubois;Chloé;+33612345678;oui;;;;non;k-mds-arras\n" +
        "k-usager-2;Petit;Marc;+33781223344;oui;marc.petit@example.fr;30/04/1988;5 rue Verte, 62000 Arras;oui;k-mds-arras, k-mds-lens\n" +
        "k-usager-3;Benali;Nadia;;;;;;non;k-mds-arras, k-mds-lens\n",
    );
  }, 60_000);

  it("round trip: the exported file loaded into an empty table gives the same table and the same export", async () => {
    await DepartmentFile.load(everyKindDepartment());
    const loaded = await tableSnapshot();
    const { first, second } = await roundTrip();
    expect(await tableSnapshot()).toEqual(loaded);
    expect(second.json).toBe(first.json);
    expect(second.appointments).toBe(first.appointments);
    expect(second.usagers).toBe(first.usagers);
  }, 60_000);

  it("round trip of the demo département, changed through the domain: online booking, cancellation, an occurrence moved, an absence added", async () => {
    const demo = DepartmentFile.parseJson(readFileSync(new URL("../../../../config/departments/demo.json", import.meta.url), "utf8"));
    await DepartmentFile.load(demo);
    const booked = await Appointment.book(
      { motifId: "arras-pmi-consultation", placeId: "arras-centre", startsAt: "2026-12-08T14:00:00+01:00", serviceUser: { firstName: "Inès", lastName: "Nouvelle", phone: "0611223344", email: "ines@example.fr" } },
      { idempotencyKey: "export-round-trip", now: NOW },
    );
    await Appointment.cancel(booked.manageToken, NOW);
    await Session.setPassword("camille-dubois", "un mot de passe solide");
    const { sessionToken } = await Session.signIn({ email: "camille.dubois@demo.rdv.local", password: "un mot de passe solide" }, NOW, undefined);
    const ctx = await Session.fromToken(sessionToken, NOW);
    const moved = { day: "2027-01-04", moved: { day: "2027-01-05", start: "13:00", end: "15:00" } };
    await Configuration.editOccurrence({ ruleId: "arras-dubois-pmi-matin", exception: moved }, ctx, NOW);
    await Configuration.saveAbsence({ id: "abs-export", agentId: "camille-dubois", title: "Congé", start: "2027-01-11T08:00", end: "2027-01-15T18:00" }, ctx, NOW);

    const { first, second } = await roundTrip();
    expect(second.json).toBe(first.json);
    expect(second.appointments).toBe(first.appointments);
    expect(second.usagers).toBe(first.usagers);
    const file = DepartmentFile.validate(JSON.parse(first.json));
    expect(file.appointments.find((a) => a.id === booked.id)).toMatchObject({ status: "excused", createdBy: "usager", serviceUsers: [{ firstName: "Inès", phone: "+33611223344", email: "ines@example.fr" }] });
    expect(file.openingRules.find((r) => r.id === "arras-dubois-pmi-matin")?.exceptions).toContainEqual(moved);
    expect(file.absences.find((a) => a.id === "abs-export")).toEqual({ id: "abs-export", agentId: "camille-dubois", title: "Congé", start: "2027-01-11T08:00", end: "2027-01-15T18:00", recurrence: null, exceptions: [] });
    expect(file.appointments.length).toBeGreaterThan(14);
  }, 90_000);

  it("holds no password hash, session, manage token or token hash", async () => {
    await DepartmentFile.load(everyKindDepartment());
    await Session.setPassword("k-alice", "un mot de passe solide");
    const { sessionToken, csrfToken } = await Session.signIn({ email: "k.alice@demo.rdv.local", password: "un mot de passe solide" }, NOW, undefined);
    const secrets = (await tableSnapshot()).flatMap((item) => [item.passwordHash, item.tokenHash, item.csrfToken]).filter((v): v is string => typeof v === "string");
    const participation = (await Db.entities.participation.query.primary({ appointmentId: "k-rdv-1" }).go()).data[0]!;
    secrets.push(sessionToken, csrfToken, ManageToken.derive(participation.participationId, participation.tokenVersion));
    expect(secrets.length).toBeGreaterThanOrEqual(12); // a password hash, a session, 8 participations, the two tokens
    const everything = Object.values(await exported()).filter((v) => typeof v === "string").join("\n");
    for (const secret of secrets) expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/password|tokenHash|tokenVersion|csrf|createdAt|updatedAt|expiresAt/i);
  });

  it("leaves out appointments and usagers past their retention period", async () => {
    await DepartmentFile.load(everyKindDepartment());
    const past = Math.floor(NOW.getTime() / 1000) - 1;
    await Db.entities.appointment.patch({ appointmentId: "k-rdv-2" }).set({ expiresAt: past }).go();
    await Db.entities.appointment.patch({ appointmentId: "k-rdv-5" }).set({ expiresAt: past }).go();
    await Db.entities.appointment.patch({ appointmentId: "k-rdv-6" }).set({ expiresAt: past }).go();
    await Db.entities.serviceUser.patch({ serviceUserId: "k-usager-2" }).set({ expiresAt: past }).go();
    const { json, appointments, usagers } = await exported();
    expect(DepartmentFile.validate(JSON.parse(json)).appointments.map((a) => a.id)).toEqual(["k-rdv-1", "k-rdv-3", "k-rdv-4", "k-session"]);
    expect(appointments.split("\n").slice(1, -1).map((row) => row.split(";")[0])).toEqual(["k-rdv-3", "k-rdv-1", "k-rdv-4", "k-session"]);
    expect(usagers).not.toContain("k-usager-2");
  });

  it("says what the file cannot carry: a collective session without seats, a seat cancelled, different roles per organisation, an usager without appointments", async () => {
    await DepartmentFile.load(everyKindDepartment());
    // Nadia cancels her seat in the session; an empty session is created; Bruno is secretariat in Lens only
    await Appointment.cancel(ManageToken.derive("k-session.k-usager-3", 1), NOW);
    await Db.entities.appointment.put({ ...(await Db.entities.appointment.get({ appointmentId: "k-session" }).go()).data!, appointmentId: "k-empty", seatsTaken: 0 }).go();
    await Db.entities.membership.patch({ agentId: "k-bruno", organisationId: "k-mds-lens" }).set({ role: "secretariat" }).go();
    const ctx = await Session.fromToken((await signInBruno()).sessionToken, NOW);
    const alone = await ServiceUser.create({ organisationId: "k-mds-arras", firstName: "Sans", lastName: "Rendez-vous" }, ctx, NOW);

    const { result, json, appointments, usagers } = await exported();
    expect(result.notes).toEqual({ appointmentsLeftOut: ["k-empty"], seatsLeftOut: ["k-session / k-usager-3"], serviceUsersLeftOut: [alone.id], agentsSimplified: ["k-bruno"] });
    const file = DepartmentFile.validate(JSON.parse(json));
    expect(file.appointments.find((a) => a.id === "k-session")?.serviceUsers.map((u) => u.id)).toEqual(["k-usager-1"]);
    expect(file.agents.find((a) => a.id === "k-bruno")).toMatchObject({ role: "secretariat", organisationIds: ["k-mds-arras", "k-mds-lens"] });
    expect(appointments).toContain(";Séance collective;1/6;Agent;k-mds-arras;k-atelier;k-place-arras;k-alice;k-usager-1, k-usager-3 (Annulé (excusé))\n");
    expect(appointments).toMatch(/^k-empty;10\/12\/2026;14:00;15:30;Prévu;.*;Séance collective;0\/6;/m);
    expect(usagers).toContain(`${alone.id};Rendez-vous;Sans;;;;;;non;k-mds-arras\n`);
  });

  it("an empty table is department.not_loaded; data that make no valid file are refused with the field named", async () => {
    await expect(Export.department({ now: NOW })).rejects.toMatchObject({ code: "department.not_loaded" });
    await DepartmentFile.load(everyKindDepartment());
    await Db.entities.agent.patch({ agentId: "k-carla" }).set({ firstName: "" }).go();
    const error = await Export.department({ now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual({ "agents[2].firstName": "ne doit pas être vide" });
  });
});

async function signInBruno() {
  await Session.setPassword("k-bruno", "un mot de passe solide");
  return Session.signIn({ email: "k.bruno@demo.rdv.local", password: "un mot de passe solide" }, NOW, undefined);
}
