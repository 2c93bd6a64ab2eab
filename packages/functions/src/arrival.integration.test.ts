import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as Clock from "@rdv/core/clock";
import * as DepartmentFile from "@rdv/core/department-file";
import type { AgendaInfo, AppointmentDetailInfo } from "@rdv/core/schema";
import * as Session from "@rdv/core/session";
import { smallDepartment } from "@rdv/core/testing/department-fixture";
import * as Agenda from "./agent-agenda";
import * as Appointments from "./agent-appointments";
import * as Auth from "./agent-auth";
import { invoke } from "./testing/invoke";

const PASSWORD = "mot-de-passe-solide-2026";
const p = `a${randomUUID().slice(0, 6)}`;
const id = (name: string) => `${p}-${name}`;
let clients = 0;

/** rdv-1: Monday 7 December 2026 at 09:30 (Paris) with alice, PMI at Arras; carla works at Lens only. */
beforeAll(async () => {
  Clock.startAt(new Date("2026-12-07T08:42:00Z"));
  const base = smallDepartment(p);
  await DepartmentFile.load({
    ...base,
    agents: [...base.agents!, { id: id("carla"), email: `${p}.carla@demo.rdv.local`, firstName: "Carla", lastName: "Petit", organisationIds: [id("mds-lens")], serviceIds: [id("social")], role: "agent" }],
  });
  for (const name of ["alice", "carla"]) await Session.setPassword(id(name), PASSWORD);
});

async function session(name: string) {
  const response = await invoke(Auth.signIn, { method: "POST", body: { email: `${p}.${name}@demo.rdv.local`, password: PASSWORD }, sourceIp: `203.0.113.${++clients}` });
  expect(response.status).toBe(200);
  return { cookies: response.cookies.map((c) => c.split(";")[0]!), headers: { "x-csrf-token": (response.body as { csrfToken: string }).csrfToken } };
}
const mark = (who: Awaited<ReturnType<typeof session>>, arrived: unknown, appointmentId = id("rdv-1")) =>
  invoke(Appointments.arrival, { method: "POST", params: { id: appointmentId }, body: { arrived }, ...who });

describe("arrival at the desk", () => {
  it("marks today's appointment arrived, shown in its detail and the agenda, audited, and undone", async () => {
    const alice = await session("alice");
    Clock.startAt(new Date("2026-12-07T08:42:00Z"));
    const marked = await mark(alice, true);
    expect(marked.status).toBe(200);
    expect((marked.body as AppointmentDetailInfo).arrivedAt).toMatch(/^2026-12-07T09:42:0\d\+01:00$/);
    const agenda = await invoke(Agenda.agenda, { query: { organisation: id("mds-arras"), from: "2026-12-07", to: "2026-12-07" }, cookies: alice.cookies });
    expect((agenda.body as AgendaInfo).appointments.map((a) => [a.id, a.arrivedAt?.slice(0, 16)])).toEqual([[id("rdv-1"), "2026-12-07T09:42"]]);
    // asked again: nothing changes (the first time is kept)
    const again = await mark(alice, true);
    expect((again.body as AppointmentDetailInfo).arrivedAt).toBe((marked.body as AppointmentDetailInfo).arrivedAt);

    const undone = await mark(alice, false);
    expect(undone.status).toBe(200);
    const detail = undone.body as AppointmentDetailInfo;
    expect(detail.arrivedAt).toBeUndefined();
    expect(detail.audit.filter((a) => a.action === "arrival").map((a) => [a.agentName, a.changes!.arrivedAt![0] === null, a.changes!.arrivedAt![1] === null])).toEqual([
      ["Alice Martin", true, false],
      ["Alice Martin", false, true],
    ]);
    const shown = await invoke(Appointments.detail, { params: { id: id("rdv-1") }, cookies: alice.cookies });
    expect((shown.body as AppointmentDetailInfo).arrivedAt).toBeUndefined();
  });

  it("is refused for an appointment the agent cannot see (404), on another day (409), and for a malformed body (400)", async () => {
    expect(await mark(await session("carla"), true)).toMatchObject({ status: 404, body: { error: { code: "appointment.not_found" } } });
    expect((await mark(await session("alice"), true, id("inconnu"))).status).toBe(404);
    expect(await mark(await session("alice"), "oui")).toMatchObject({ status: 400, body: { error: { fields: { arrived: expect.any(String) } } } });
    Clock.startAt(new Date("2026-12-06T09:00:00Z"));
    expect(await mark(await session("alice"), true)).toMatchObject({ status: 409, body: { error: { code: "appointment.not_today" } } });
    Clock.startAt(new Date("2026-12-07T22:59:00Z")); // 23:59 in Paris: still the 7th
    const late = await session("alice");
    expect((await mark(late, true)).status).toBe(200);
    Clock.startAt(new Date("2026-12-07T23:01:00Z")); // 00:01 on the 8th in Paris
    expect((await mark(late, false)).status).toBe(409);
  });
});
