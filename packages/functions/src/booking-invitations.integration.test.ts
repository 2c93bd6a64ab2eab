import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as Clock from "@rdv/core/clock";
import * as DepartmentFile from "@rdv/core/department-file";
import * as Outbox from "@rdv/core/outbox";
import * as Session from "@rdv/core/session";
import { smallDepartment } from "@rdv/core/testing/department-fixture";
import * as Auth from "./agent-auth";
import * as Invitations from "./agent-booking-invitations";
import * as Appointments from "./public-appointments";
import * as Motifs from "./public-motifs";
import * as Catalogue from "./public-catalogue";
import * as PublicInvitations from "./public-invitations";
import * as Reconciler from "./reconciler";
import { invoke } from "./testing/invoke";

/** Booking invitations through the HTTP handlers, on DynamoDB Local: sent, opened, booked, reminded, expired; access and bad input. */
const p = `i${randomUUID().slice(0, 6)}`;
const id = (name: string) => `${p}-${name}`;
const NOW = new Date("2026-12-01T08:00:00Z");
const PASSWORD = "mot-de-passe-solide-2026";
const base = smallDepartment(p, { absences: [] });
const usager = (name: string, phone: string, extra: Record<string, unknown> = {}) => ({ id: id(name), firstName: "Inès", lastName: "Invitée", phone, ...extra });

beforeAll(async () => {
  Clock.startAt(NOW);
  await DepartmentFile.load(
    smallDepartment(p, {
      absences: [],
      motifs: [
        ...base.motifs!,
        // RSA orientation: only by invitation, only with the usager's référent
        { id: id("orientation"), serviceId: id("pmi"), organisationId: id("mds-arras"), name: "Orientation RSA", durationMinutes: 30, locationType: "on_site", online: false, invitationOnly: true, referentOnly: true, minDelayMinutes: 30, maxDelayDays: 60, collective: false },
      ],
      agents: [
        ...base.agents!,
        { id: id("dora"), email: `${p}.dora@demo.rdv.local`, firstName: "Dora", lastName: "Petit", organisationIds: [id("mds-arras")], serviceIds: [id("pmi")], role: "agent" },
      ],
      openingRules: [
        ...base.openingRules!,
        { id: id("rule-orient-alice"), agentId: id("alice"), placeId: id("place-arras"), motifIds: [id("orientation")], firstDay: "2026-12-07", start: "14:00", end: "15:00" },
        { id: id("rule-orient-dora"), agentId: id("dora"), placeId: id("place-arras"), motifIds: [id("orientation")], firstDay: "2026-12-07", start: "15:00", end: "16:00" },
      ],
      appointments: [
        ...base.appointments!,
        // past appointments make these usagers known to the MDS d'Arras
        ...[
          usager("ines", "06 21 00 00 01", { email: "ines@example.fr" }),
          usager("yann", "06 21 00 00 02"),
          usager("zora", "06 21 00 00 03"),
          usager("olga", "06 21 00 00 04", { smsOptOut: true }),
          usager("rita", "06 21 00 00 05"),
        ].map((u, i) => ({ id: id(`past-${i}`), motifId: id("consult"), placeId: id("place-arras"), agentIds: [id("alice")], start: `2026-11-${String(16 + i).padStart(2, "0")}T09:00`, status: "seen" as const, serviceUsers: [u] })),
        { id: id("lens-1"), motifId: id("social-phone"), placeId: id("place-lens"), agentIds: [id("bruno")], start: "2026-11-17T14:00", status: "seen", serviceUsers: [usager("lena", "06 21 00 00 09")] },
      ],
    }),
  );
  await Session.setPassword(id("bruno"), PASSWORD);
  await Session.setPassword(id("alice"), PASSWORD);
});

async function signIn(name: string) {
  const signedIn = await invoke(Auth.signIn, { method: "POST", body: { email: `${p}.${name}@demo.rdv.local`, password: PASSWORD } });
  return { cookies: signedIn.cookies.map((c) => c.split(";")[0]!), headers: { "x-csrf-token": (signedIn.body as { csrfToken: string }).csrfToken } };
}

const messagesTo = async (to: string) => (await Outbox.list({ limit: 500 })).filter((m) => m.to === to).reverse();
const tokenIn = (text: string) => /invitation\/([A-Za-z0-9_-]{24})/.exec(text)?.[1] ?? "";

describe("booking invitations over HTTP", () => {
  it("an invitation is sent by SMS and e-mail, opened, its slots listed, booked once, and each state shows in the agents' list", async () => {
    const bruno = await signIn("bruno");
    const created = await invoke(Invitations.create, {
      method: "POST", ...bruno,
      body: { serviceUserId: id("ines"), organisationId: id("mds-arras"), motifIds: [id("consult")], channels: ["sms", "email"], expiresOn: "2026-12-31" },
    });
    expect(created.status).toBe(201);
    const invitation = created.body as { id: string };
    expect(created.body).toEqual({
      id: invitation.id, organisationId: id("mds-arras"), state: "sent",
      serviceUser: { id: id("ines"), firstName: "Inès", lastName: "Invitée" },
      service: { id: id("pmi"), name: "PMI" }, motifs: [{ id: id("consult"), name: "Consultation nourrisson" }],
      referentAgentIds: [], channels: ["sms", "email"], sentAt: expect.stringMatching(/^2026-12-01T08:0/), expiresOn: "2026-12-31",
    });
    const [sms] = await messagesTo("+33621000001");
    const token = tokenIn(sms!.text);
    expect(sms!.text).toBe(`[TEST] Nous vous invitons à prendre RDV PMI. Choisissez votre créneau avant le 31/12 : https://rdv.example.fr/invitation/${token}`);
    const [email] = await messagesTo("ines@example.fr");
    expect(email).toMatchObject({ channel: "email", subject: "[TEST] Invitation à prendre un rendez-vous PMI" });
    expect(email!.text).toContain(`MDS Arras vous invite à prendre un rendez-vous PMI.\n\nChoisissez le jour et l'heure qui vous conviennent avant le jeudi 31 décembre 2026 :\n\nhttps://rdv.example.fr/invitation/${token}`);

    const shown = await invoke(PublicInvitations.show, { params: { invitationToken: token } });
    expect(shown).toMatchObject({ status: 200 });
    expect(shown.body).toEqual({
      state: "open", firstName: "Inès", service: "PMI", organisation: "MDS Arras", expiresOn: "2026-12-31",
      motifs: [{ id: id("consult"), name: "Consultation nourrisson", durationMinutes: 30, locationType: "on_site", placeIds: [id("place-arras")] }],
      places: [{ id: id("place-arras"), name: "MDS d'Arras", address: "1 rue de la Paix, 62000 Arras" }],
    });
    const listed = async () => ((await invoke(Invitations.list, { query: { organisationId: id("mds-arras") }, ...bruno })).body as { invitations: Array<{ id: string; state: string; appointmentId?: string }> }).invitations.find((i) => i.id === invitation.id);
    expect(await listed()).toMatchObject({ state: "opened" });

    const slots = await invoke(PublicInvitations.slots, { params: { invitationToken: token }, query: { motif: id("consult"), place: id("place-arras"), from: "2026-12-14", to: "2026-12-14" } });
    expect(slots.body).toEqual({
      slots: ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30"].map((t) => ({ startsAt: `2026-12-14T${t}:00+01:00`, endsAt: `2026-12-14T${t.startsWith("11:3") ? "12:00" : t.replace(/:(\d\d)/, (_, m: string) => (m === "00" ? ":30" : ":00")).replace(/^(\d\d):00$/, (h) => `${String(Number(h.slice(0, 2)) + 1).padStart(2, "0")}:00`)}:00+01:00` })),
    });

    const [first, second] = await Promise.all(
      ["2026-12-14T09:00:00+01:00", "2026-12-14T10:00:00+01:00"].map((startsAt) =>
        invoke(PublicInvitations.book, { method: "POST", sourceIp: "198.51.100.20", params: { invitationToken: token }, body: { motifId: id("consult"), placeId: id("place-arras"), startsAt } }),
      ),
    );
    // two racing bookings of one invitation: one appointment
    expect([first!.status, second!.status].sort()).toEqual([201, 409]);
    const booked = [first!, second!].find((r) => r.status === 201)!.body as { id: string; manageToken: string };
    const appointment = await invoke(Appointments.show, { params: { manageToken: booked.manageToken } });
    expect(appointment.body).toMatchObject({ status: "booked" });
    expect(await listed()).toMatchObject({ state: "booked", appointmentId: booked.id });
    const again = await invoke(PublicInvitations.book, { method: "POST", params: { invitationToken: token }, body: { motifId: id("consult"), placeId: id("place-arras"), startsAt: "2026-12-17T09:00:00+01:00" } });
    expect(again).toMatchObject({ status: 409, body: { error: { code: "invitation.booked" } } });
    expect((await invoke(PublicInvitations.show, { params: { invitationToken: token } })).body).toMatchObject({ state: "booked" });
    // the usager got the booking's confirmation SMS after the invitation
    expect((await messagesTo("+33621000001")).map((m) => m.text.slice(0, 28))).toEqual(["[TEST] Nous vous invitons à ", "[TEST] RDV PMI confirmé le l"]);
    // booked: its reminder is gone, the reconciler 3 days later sends nothing more
    try {
      Clock.startAt(new Date("2026-12-04T09:00:00Z"));
      await Reconciler.handler();
      expect((await messagesTo("+33621000001")).map((m) => m.text.slice(0, 28))).toEqual(["[TEST] Nous vous invitons à ", "[TEST] RDV PMI confirmé le l"]);
      expect(await messagesTo("ines@example.fr")).toHaveLength(2);
    } finally {
      Clock.startAt(NOW);
    }
  }, 60_000);

  it("an invitation not booked is reminded once after 3 days, by the reconciler; then it expires and says so", async () => {
    const bruno = await signIn("bruno");
    const created = await invoke(Invitations.create, { method: "POST", ...bruno, body: { serviceUserId: id("yann"), organisationId: id("mds-arras"), serviceId: id("pmi"), channels: ["sms"], expiresOn: "2026-12-10" } });
    expect(created).toMatchObject({ status: 201, body: { motifs: [{ id: id("consult") }] } });
    expect(await messagesTo("+33621000002")).toHaveLength(1);
    try {
      Clock.startAt(new Date("2026-12-04T07:59:00Z")); // a minute short of 3 days: not yet
      await Reconciler.handler();
      expect(await messagesTo("+33621000002")).toHaveLength(1);
      Clock.startAt(new Date("2026-12-04T08:01:00Z"));
      await Reconciler.handler();
      await Reconciler.handler();
      const texts = (await messagesTo("+33621000002")).map((m) => m.text);
      expect(texts).toHaveLength(2);
      expect(texts[1]).toBe(`[TEST] Rappel : nous vous invitons à prendre RDV PMI. Choisissez votre créneau avant le 10/12 : https://rdv.example.fr/invitation/${tokenIn(texts[0]!)}`);
      Clock.startAt(new Date("2026-12-11T08:00:00Z"));
      const token = tokenIn(texts[0]!);
      expect((await invoke(PublicInvitations.show, { params: { invitationToken: token } })).body).toMatchObject({ state: "expired" });
      const late = await invoke(PublicInvitations.book, { method: "POST", params: { invitationToken: token }, body: { motifId: id("consult"), placeId: id("place-arras"), startsAt: "2026-12-14T09:00:00+01:00" } });
      expect(late).toEqual(expect.objectContaining({ status: 409, body: { error: { code: "invitation.expired", message: "Cette invitation a expiré. Pour prendre rendez-vous, merci de contacter le service qui vous a invité." } } }));
    } finally {
      Clock.startAt(NOW);
    }
  }, 60_000);

  it("a motif on invitation only is hidden from the public and bookable through an invitation naming it, with its référents' slots only", async () => {
    const listedPublicly = await invoke(Motifs.handler, { query: { commune: "62041" } });
    expect(JSON.stringify(listedPublicly.body)).not.toContain(id("orientation"));
    const publicSlots = await invoke(Catalogue.slots, { query: { motif: id("orientation"), place: id("place-arras"), from: "2026-12-07", to: "2026-12-07" } });
    expect(publicSlots.status).toBe(404);

    const bruno = await signIn("bruno");
    const noReferent = await invoke(Invitations.create, { method: "POST", ...bruno, body: { serviceUserId: id("zora"), organisationId: id("mds-arras"), motifIds: [id("orientation")], channels: ["sms"] } });
    expect(noReferent).toMatchObject({ status: 400, body: { error: { fields: { referentAgentIds: "obligatoire : un motif n'est ouvert qu'aux référents de l'usager" } } } });
    const created = await invoke(Invitations.create, { method: "POST", ...bruno, body: { serviceUserId: id("zora"), organisationId: id("mds-arras"), motifIds: [id("orientation")], referentAgentIds: [id("dora")], channels: ["sms"] } });
    expect(created).toMatchObject({ status: 201, body: { referentAgentIds: [id("dora")], expiresOn: "2026-12-31" } });
    const token = tokenIn((await messagesTo("+33621000003"))[0]!.text);
    const slots = await invoke(PublicInvitations.slots, { params: { invitationToken: token }, query: { motif: id("orientation"), place: id("place-arras"), from: "2026-12-07", to: "2026-12-07" } });
    expect(slots.body).toEqual({ slots: [{ startsAt: "2026-12-07T15:00:00+01:00", endsAt: "2026-12-07T15:30:00+01:00" }, { startsAt: "2026-12-07T15:30:00+01:00", endsAt: "2026-12-07T16:00:00+01:00" }] });
    const alicesTime = await invoke(PublicInvitations.book, { method: "POST", params: { invitationToken: token }, body: { motifId: id("orientation"), placeId: id("place-arras"), startsAt: "2026-12-07T14:00:00+01:00" } });
    expect(alicesTime).toMatchObject({ status: 400, body: { error: { fields: { startsAt: "cet horaire ne correspond à aucun créneau proposé" } } } });
    const booked = await invoke(PublicInvitations.book, { method: "POST", params: { invitationToken: token }, body: { motifId: id("orientation"), placeId: id("place-arras"), startsAt: "2026-12-07T15:30:00+01:00" } });
    expect(booked).toMatchObject({ status: 201, body: { startsAt: "2026-12-07T15:30:00+01:00" } });
    // the public booking route still refuses the motif
    const direct = await invoke(Appointments.book, {
      method: "POST", headers: { "idempotency-key": randomUUID() },
      body: { motifId: id("orientation"), placeId: id("place-arras"), startsAt: "2026-12-07T15:00:00+01:00", serviceUser: { firstName: "Paul", lastName: "Public", phone: "0621000077" } },
    });
    expect(direct.status).toBe(404);
  }, 60_000);

  it("the invitation's slot searches count against the client like the public searches (429 past the stage's cap)", async () => {
    try {
      Clock.startAt(new Date("2026-12-01T08:20:00Z")); // the start of a minute window: the loop stays in it
      const search = () =>
        invoke(PublicInvitations.slots, { sourceIp: "203.0.113.99", params: { invitationToken: "B".repeat(24) }, query: { motif: id("consult"), place: id("place-arras"), from: "2026-12-14", to: "2026-12-14" } });
      const statuses = [];
      for (let i = 0; i < 121; i++) statuses.push((await search()).status);
      // the stage allows 120 searches a minute per client: unknown links answer 404 until then
      expect(statuses.slice(0, 120).every((status) => status === 404)).toBe(true);
      expect(statuses[120]).toBe(429);
    } finally {
      Clock.startAt(NOW);
    }
  }, 60_000);

  it("another organisation's ids are a 404; bad input is a 400 naming the field; unknown links a 404", async () => {
    const alice = await signIn("alice");
    const body = { serviceUserId: id("rita"), organisationId: id("mds-arras"), motifIds: [id("consult")], channels: ["sms"] };
    const create = (extra: Record<string, unknown>) => invoke(Invitations.create, { method: "POST", ...alice, body: { ...body, ...extra } });
    expect((await create({ organisationId: id("mds-lens") })).status).toBe(404);
    expect((await create({ motifIds: [id("social-phone")] })).status).toBe(404);
    expect((await create({ serviceUserId: id("lena") })).status).toBe(404);
    expect((await invoke(Invitations.list, { query: { organisationId: id("mds-lens") }, ...alice })).status).toBe(404);
    expect((await create({ referentAgentIds: [id("bruno-nope")] })).status).toBe(400);
    expect(await create({ channels: [] })).toMatchObject({ status: 400, body: { error: { fields: { channels: "au moins un canal" } } } });
    expect(await create({ channels: ["fax"] })).toMatchObject({ status: 400, body: { error: { fields: { "channels[0]": "« sms » ou « email » attendu" } } } });
    expect(await create({ channels: ["email"] })).toMatchObject({ status: 400, body: { error: { fields: { channels: "l'usager n'a pas d'adresse e-mail" } } } });
    expect(await create({ serviceUserId: id("olga") })).toMatchObject({ status: 400, body: { error: { fields: { channels: "l'usager a refusé les SMS" } } } });
    expect(await create({ expiresOn: "2026-02-30" })).toMatchObject({ status: 400, body: { error: { fields: { expiresOn: "date inexistante" } } } });
    expect(await create({ expiresOn: "2026-11-30" })).toMatchObject({ status: 400, body: { error: { fields: { expiresOn: "doit être aujourd'hui ou après" } } } });
    expect(await create({ motifIds: undefined })).toMatchObject({ status: 400, body: { error: { fields: { motifIds: "« motifIds » ou « serviceId » attendu (un seul des deux)" } } } });
    expect(await create({ serviceUserId: undefined, externalId: "CAF-123" })).toMatchObject({ status: 400, body: { error: { fields: { externalId: "aucun usager de l'organisation n'a cet identifiant" } } } });
    expect(await create({ motifIds: [id("atelier")] })).toMatchObject({ status: 400, body: { error: { fields: { "motifIds[0]": "un motif collectif ne se prend pas sur invitation" } } } });
    // nothing was sent to Rita for all these refusals
    expect(await messagesTo("+33621000005")).toEqual([]);

    const created = await create({});
    expect(created.status).toBe(201);
    const token = tokenIn((await messagesTo("+33621000005"))[0]!.text);
    const params = { invitationToken: token };
    expect((await invoke(PublicInvitations.show, { params: { invitationToken: "A".repeat(24) } })).status).toBe(404);
    expect(await invoke(PublicInvitations.show, { params: { invitationToken: "court" } })).toMatchObject({ status: 400, body: { error: { fields: { invitationToken: expect.any(String) } } } });
    expect(await invoke(PublicInvitations.slots, { params, query: { motif: id("consult"), place: id("place-arras"), from: "2026-12-14", to: "2026-12-01" } })).toMatchObject({ status: 400, body: { error: { fields: { to: "doit être le même jour que « from » ou après" } } } });
    expect((await invoke(PublicInvitations.slots, { params, query: { motif: id("social-phone"), place: id("place-lens"), from: "2026-12-14", to: "2026-12-14" } })).status).toBe(404);
    expect((await invoke(PublicInvitations.slots, { params, query: { motif: id("consult"), place: id("place-lens"), from: "2026-12-14", to: "2026-12-14" } })).status).toBe(404);
    expect(await invoke(PublicInvitations.book, { method: "POST", params, body: { motifId: id("consult"), placeId: id("place-arras") } })).toMatchObject({ status: 400, body: { error: { fields: { startsAt: expect.any(String) } } } });
  }, 60_000);
});
