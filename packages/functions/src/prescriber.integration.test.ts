import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as Clock from "@rdv/core/clock";
import * as DepartmentFile from "@rdv/core/department-file";
import * as Outbox from "@rdv/core/outbox";
import * as Session from "@rdv/core/session";
import { smallDepartment } from "@rdv/core/testing/department-fixture";
import * as Auth from "./agent-auth";
import * as AgentAppointments from "./agent-appointments";
import * as Appointments from "./public-appointments";
import { invoke } from "./testing/invoke";

/** A prescripteur books for a person they support, through the public booking route: who booked is recorded and shown to agents. */
const p = `r${randomUUID().slice(0, 6)}`;
const id = (name: string) => `${p}-${name}`;
const NOW = new Date("2026-12-01T08:00:00Z");
const PASSWORD = "mot-de-passe-solide-2026";
const partner = { name: "Sophie Marchand", structure: "CCAS d'Arras", email: `sophie.${p}@ccas.example.fr` };

beforeAll(async () => {
  Clock.startAt(NOW);
  await DepartmentFile.load(smallDepartment(p, { absences: [] }));
  await Session.setPassword(id("bruno"), PASSWORD);
});

const messagesTo = async (to: string) => (await Outbox.list({ limit: 500 })).filter((m) => m.to === to).reverse();

const book = (time: string, phone: string, prescriber: unknown = partner, firstName = "Yasmine") =>
  invoke(Appointments.book, {
    method: "POST", sourceIp: "198.51.100.70", headers: { "idempotency-key": randomUUID() },
    body: { motifId: id("consult"), placeId: id("place-arras"), startsAt: `2026-12-14T${time}:00+01:00`, serviceUser: { firstName, lastName: "Accompagnée", phone }, prescriber },
  });

describe("prescripteurs over HTTP", () => {
  it("records who booked, shows it to agents; the usager gets the SMS, the partner an e-mail without the usager's phone", async () => {
    const booked = await book("09:00", "06 31 00 00 01", { ...partner, phone: "06 31 99 00 00" });
    expect(booked.status).toBe(201);
    const appointmentId = (booked.body as { id: string }).id;
    const [sms] = await messagesTo("+33631000001");
    expect(sms!.text.startsWith("[TEST] RDV PMI confirmé le lundi 14 décembre à 9h00, MDS d'Arras.")).toBe(true);
    const [email] = await messagesTo(partner.email);
    expect(email).toMatchObject({ channel: "email", subject: "[TEST] Rendez-vous confirmé pour la personne que vous accompagnez" });
    expect(email!.text).toBe(
      "Bonjour,\n\nLe rendez-vous PMI que vous avez pris pour Yasmine Accompagnée est confirmé le lundi 14 décembre 2026 à 9h00 (MDS d'Arras, 1 rue de la Paix, 62000 Arras).\n\nLa personne a reçu un SMS avec le lien pour annuler ou déplacer ce rendez-vous.",
    );
    expect(email!.text).not.toMatch(/06 ?31|\+336|rdv\//);

    const signedIn = await invoke(Auth.signIn, { method: "POST", body: { email: `${p}.bruno@demo.rdv.local`, password: PASSWORD } });
    const cookies = signedIn.cookies.map((c) => c.split(";")[0]!);
    const detail = await invoke(AgentAppointments.detail, { params: { id: appointmentId }, cookies });
    expect(detail.status).toBe(200);
    expect((detail.body as { bookedBy: unknown }).bookedBy).toEqual({ kind: "prescriber", name: "Sophie Marchand", structure: "CCAS d'Arras", phone: "+33631990000", email: partner.email });
  }, 60_000);

  it("the partner's name follows the person-name rule, a phone or an e-mail is needed: 400 naming the field, nothing booked", async () => {
    expect(await book("10:00", "06 31 00 00 02", { ...partner, name: "Appelez le 06 12 34 56 78" })).toMatchObject({ status: 400, body: { error: { fields: { "prescriber.name": expect.any(String) } } } });
    expect(await book("10:00", "06 31 00 00 02", { name: partner.name, structure: partner.structure })).toMatchObject({
      status: 400, body: { error: { fields: { "prescriber.email": "un téléphone ou une adresse e-mail est nécessaire" } } },
    });
    expect(await book("10:00", "06 31 00 00 02", { ...partner, structure: "" })).toMatchObject({ status: 400, body: { error: { fields: { "prescriber.structure": "obligatoire" } } } });
    expect(await book("10:00", "06 31 00 00 02", { ...partner, phone: "12" })).toMatchObject({ status: 400, body: { error: { fields: { "prescriber.phone": "numéro de téléphone invalide" } } } });
    expect(await messagesTo("+33631000002")).toEqual([]);
  });

  it("the partner's confirmations are limited per address (the stage's e-mails per address and day)", async () => {
    const address = `limite.${p}@asso.example.fr`;
    const statuses = [];
    for (const [i, time] of ["09:30", "10:00", "10:30", "11:00", "11:30", "09:00"].entries()) {
      statuses.push((await book(time, `06 32 00 00 0${i}`, { ...partner, email: address }, "Nina")).status);
    }
    // 09:00 is taken by the first test: five bookings
    expect(statuses).toEqual([201, 201, 201, 201, 201, 409]);
    expect(await messagesTo(address)).toHaveLength(5);
    const sixth = await invoke(Appointments.book, {
      method: "POST", sourceIp: "198.51.100.71", headers: { "idempotency-key": randomUUID() },
      body: { motifId: id("consult"), placeId: id("place-arras"), startsAt: "2026-12-17T09:00:00+01:00", serviceUser: { firstName: "Nina", lastName: "Accompagnée", phone: "06 32 00 00 09" }, prescriber: { ...partner, email: address } },
    });
    expect(sixth.status).toBe(201);
    // booked, and the usager told, but the partner's address has had its e-mails of the day
    expect(await messagesTo(address)).toHaveLength(5);
    expect(await messagesTo("+33632000009")).toHaveLength(1);
  }, 60_000);
});
