import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import * as Clock from "@rdv/core/clock";
import * as DepartmentFile from "@rdv/core/department-file";
import * as Outbox from "@rdv/core/outbox";
import * as Session from "@rdv/core/session";
import { smallDepartment } from "@rdv/core/testing/department-fixture";
import * as Auth from "./agent-auth";
import * as AgentAppointments from "./agent-appointments";
import * as Notifications from "./agent-notifications";
import * as PublicAppointments from "./public-appointments";
import { invoke } from "./testing/invoke";

const PASSWORD = "mot-de-passe-solide-2026";
const p = `an${randomUUID().slice(0, 6)}`;
const id = (name: string) => `${p}-${name}`;
const ALICE = `${p}.alice@demo.rdv.local`;

beforeAll(async () => {
  // Tuesday 1 December, 13:00 in Paris: Thursday morning is within 2 days, Monday 7 is not
  Clock.startAt(new Date("2026-12-01T12:00:00Z"));
  const base = smallDepartment(p);
  await DepartmentFile.load({ ...base, openingRules: [{ ...base.openingRules![0]!, firstDay: "2026-12-01" }, base.openingRules![1]!], appointments: [] });
  await Session.setPassword(id("alice"), PASSWORD);
});

/** the e-mails Alice got, oldest first */
async function aliceMail() {
  return (await Outbox.list({ limit: 500 })).filter((m) => m.to === ALICE).reverse();
}

let usagers = 0;
async function bookOnline(startsAt: string, key = randomUUID(), lastName = `Essai${"abcdefgh"[usagers++]}`) {
  const response = await invoke(PublicAppointments.book, {
    method: "POST",
    headers: { "idempotency-key": key },
    body: { motifId: id("consult"), placeId: id("place-arras"), startsAt, serviceUser: { firstName: "Nora", lastName, phone: `06 31 41 59 2${"abcdefgh".indexOf(lastName.slice(-1))}` } },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string; manageToken: string };
}

it("the appointment's agent is told of online changes as they chose (within 2 days by default), once each, never of an agent's", async () => {
  const signedIn = await invoke(Auth.signIn, { method: "POST", body: { email: ALICE, password: PASSWORD } });
  const cookies = signedIn.cookies.map((c) => c.split(";")[0]!);
  const headers = { "x-csrf-token": (signedIn.body as { csrfToken: string }).csrfToken };
  expect(await invoke(Notifications.show, { cookies })).toMatchObject({ status: 200, body: { changes: "soon" } });

  // default: Monday 7 is more than 2 days away, nothing; Thursday 3 is within them, an e-mail with the .ics
  await bookOnline("2026-12-07T09:00:00+01:00");
  expect(await aliceMail()).toEqual([]);
  const key = randomUUID();
  const soon = await bookOnline("2026-12-03T09:00:00+01:00", key);
  await bookOnline("2026-12-03T09:00:00+01:00", key, "Essaib"); // a retry: the same booking, no second e-mail
  let mail = await aliceMail();
  expect(mail.map((m) => m.subject)).toEqual(["Nouveau rendez-vous pris en ligne"]);
  expect(mail[0]!.text).toMatch(/^Nouveau rendez-vous pris en ligne :\nConsultation nourrisson, MDS d'Arras\nLe : jeudi 3 décembre 2026 à 09:00\nUsager : Essaib Nora\nVoir le rendez-vous : https:\/\/rdv\.example\.fr\/agent\/rendez-vous\//);
  expect(mail[0]!.text).not.toMatch(/06 31|63141592/);
  expect(mail[0]!.attachments?.[0]).toMatchObject({ filename: "rendez-vous.ics", contentType: "text/calendar; charset=utf-8", content: expect.stringContaining("DTSTART:20261203T080000Z") });

  // an agent's own booking within 2 days: no e-mail
  const agentBooking = await invoke(AgentAppointments.book, { method: "POST", cookies, headers: { ...headers, "idempotency-key": randomUUID() }, body: { motifId: id("consult"), placeId: id("place-arras"), startsAt: "2026-12-03T10:00:00+01:00", serviceUser: { firstName: "Aline", lastName: "Guichet" } } });
  expect(agentBooking.status).toBe(201);
  // the usager cancels online: told (the .ics cancels the event)
  expect((await invoke(PublicAppointments.cancel, { method: "POST", params: { manageToken: soon.manageToken } })).status).toBe(200);
  mail = await aliceMail();
  expect(mail.map((m) => m.subject)).toEqual(["Nouveau rendez-vous pris en ligne", "Rendez-vous annulé en ligne"]);
  expect(mail[1]!.attachments?.[0]?.content).toContain("STATUS:CANCELLED");

  // every change: a move of Monday's appointment to Thursday 10 (cancelled) — Monday 14 — is told, with where it was
  expect(await invoke(Notifications.save, { method: "POST", cookies, headers, body: { changes: "toutes" } })).toMatchObject({ status: 400, body: { error: { fields: { changes: expect.any(String) } } } });
  expect(await invoke(Notifications.save, { method: "POST", cookies, headers, body: { changes: "all" } })).toMatchObject({ status: 200, body: { changes: "all" } });
  const far = await bookOnline("2026-12-07T10:00:00+01:00");
  const moved = await invoke(PublicAppointments.reschedule, { method: "POST", params: { manageToken: far.manageToken }, body: { startsAt: "2026-12-14T09:00:00+01:00" } });
  expect(moved.status, JSON.stringify(moved.body)).toBe(200);
  mail = await aliceMail();
  expect(mail.slice(2).map((m) => m.subject)).toEqual(["Nouveau rendez-vous pris en ligne", "Rendez-vous déplacé en ligne"]);
  expect(mail[3]!.text).toContain("Avant : lundi 7 décembre 2026 à 10:00\nDésormais : lundi 14 décembre 2026 à 09:00");

  // none: nothing, even within 2 days
  expect((await invoke(Notifications.save, { method: "POST", cookies, headers, body: { changes: "none" } })).status).toBe(200);
  await bookOnline("2026-12-03T11:00:00+01:00");
  expect(await aliceMail()).toHaveLength(4);
});
