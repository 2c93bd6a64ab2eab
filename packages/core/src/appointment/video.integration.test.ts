import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as Appointment from ".";
import * as Configuration from "../configuration";
import * as DepartmentFile from "../department-file";
import { ValidationError } from "../error";
import * as Outbox from "../outbox";
import type { AgentContext } from "../session";
import { smallDepartment } from "../testing/department-fixture";

const p = `v${randomUUID().slice(0, 6)}`;
const id = (name: string) => `${p}-${name}`;
const NOW = new Date("2026-12-01T08:00:00Z");
const ROOM = "https://visio.fr/k3x9";

const bruno: AgentContext = {
  agentId: id("bruno"),
  firstName: "Bruno",
  lastName: "Lefebvre",
  email: `${p}.bruno@demo.rdv.local`,
  organisationId: id("mds-arras"),
  memberships: [
    { organisationId: id("mds-arras"), role: "admin", serviceIds: [] },
    { organisationId: id("mds-lens"), role: "admin", serviceIds: [] },
  ],
  csrfToken: "x",
};

/** A video PMI motif at Arras with its meeting room, offered by Alice on Tuesday mornings. */
beforeAll(async () => {
  const file = smallDepartment(p);
  file.motifs = [...file.motifs!, { id: id("visio"), serviceId: id("pmi"), organisationId: id("mds-arras"), name: "Consultation en visio", durationMinutes: 30, locationType: "video", online: true, minDelayMinutes: 30, maxDelayDays: 60, collective: false, videoUrl: ROOM }];
  file.openingRules = [...file.openingRules!, { id: id("rule-visio"), agentId: id("alice"), placeId: id("place-arras"), motifIds: [id("visio")], firstDay: "2026-12-08", start: "09:00", end: "12:00", recurrence: { everyWeeks: 1, weekdays: ["tue"] } }];
  await DepartmentFile.load(file);
});

describe("video motifs: the meeting link", () => {
  it("is in the confirmation SMS (one segment) and e-mail, on the manage page, and on the agent's appointment page", async () => {
    const booked = await Appointment.book(
      { motifId: id("visio"), placeId: id("place-arras"), startsAt: "2026-12-08T09:00:00+01:00", serviceUser: { firstName: "Chloé", lastName: "Visio", phone: "0611220033", email: "chloe.visio@example.fr" } },
      { idempotencyKey: randomUUID(), now: NOW },
    );
    const messages = (await Outbox.list({ limit: 500 })).filter((m) => m.appointmentId === booked.id);
    const sms = messages.find((m) => m.channel === "sms")!;
    expect(sms.text).toBe(`[TEST] RDV PMI confirmé le mar. 8/12 à 9h00, en visio : ${ROOM}. Annuler/déplacer : https://rdv.example.fr/rdv/${booked.manageToken}`);
    const email = messages.find((m) => m.channel === "email")!;
    expect(email.text).toContain(`Lieu : en visio, avec ce lien : ${ROOM}`);
    // the calendar file attached gives the link as the event's location
    expect(email.attachments?.map((a) => a.filename)).toEqual(["rendez-vous.ics"]);
    expect(email.attachments![0]!.content.split(/\r?\n/)).toContain(`LOCATION:${ROOM}`);

    const view = await Appointment.fromToken(booked.manageToken, NOW);
    expect(view.motif.videoUrl).toBe(ROOM);
    expect(view.place.address).toBeUndefined();
    const detail = await Appointment.detail(booked.id, bruno);
    expect(detail.motif.videoUrl).toBe(ROOM);
  });

  it("is saved only as an https address, and only on a video motif (a 400 naming videoUrl, nothing written)", async () => {
    const motif = { id: id("visio-2"), serviceId: id("pmi"), organisationId: id("mds-arras"), name: "Visio 2", durationMinutes: 30, locationType: "video" };
    const refused = async (input: object) => {
      const error = await Configuration.saveMotif(input, bruno, NOW).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).fields;
    };
    expect(await refused({ ...motif, videoUrl: "http://visio.fr/k3x9" })).toEqual({ videoUrl: "adresse https://… attendue" });
    expect(await refused({ ...motif, videoUrl: "https://visio.fr/a b" })).toEqual({ videoUrl: "adresse https://… attendue" });
    expect(await refused({ ...motif, locationType: "on_site", videoUrl: ROOM })).toEqual({ videoUrl: "seulement pour un motif en visio" });
    expect((await Configuration.list({ organisationId: id("mds-arras") }, bruno)).motifs.some((m) => m.id === id("visio-2"))).toBe(false);

    await Configuration.saveMotif({ ...motif, videoUrl: "https://webconf.numerique.gouv.fr/pmi-arras" }, bruno, NOW);
    expect((await Configuration.list({ organisationId: id("mds-arras") }, bruno)).motifs.find((m) => m.id === id("visio-2"))?.videoUrl).toBe("https://webconf.numerique.gouv.fr/pmi-arras");
  });
});
