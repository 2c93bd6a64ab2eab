import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import * as Appointment from "../appointment";
import * as DepartmentFile from "../department-file";
import type { AgentContext } from "../session";
import { smallDepartment } from "../testing/department-fixture";
import { StatsEntity } from "./stats.entity";

/**
 * The refill rate's counters (issue #14): time given back while still to come is "freed", and
 * "refilled" once another appointment takes it (at least in part), counted per agent interval
 * in the transactions that free and take it. Monday 7 December 2026, Alice 09:00–12:00 at Arras
 * (30-minute consultations); "now" is the Tuesday before.
 */
const NOW = new Date("2026-12-01T08:00:00Z");
let phones = 0;

async function setup() {
  const p = `r${randomUUID().slice(0, 6)}`;
  await DepartmentFile.load({
    ...smallDepartment(p),
    absences: [],
    appointments: [
      // already over by "now": its revocation frees nothing
      { id: `${p}-past`, motifId: `${p}-consult`, placeId: `${p}-place-arras`, agentIds: [`${p}-alice`], start: "2026-11-30T09:00", status: "booked", serviceUsers: [{ id: `${p}-u-past`, firstName: "Paul", lastName: "Passé", phone: "0611223344" }] },
    ],
  });
  const alice: AgentContext = {
    agentId: `${p}-alice`, firstName: "Alice", lastName: "Martin", email: `${p}.alice@demo.rdv.local`, organisationId: `${p}-mds-arras`,
    memberships: [{ organisationId: `${p}-mds-arras`, role: "agent", serviceIds: [`${p}-pmi`] }], csrfToken: "x",
  };
  const book = (time: string) => {
    phones += 1;
    const n = String.fromCharCode(97 + (phones % 26)) + String.fromCharCode(97 + Math.floor(phones / 26));
    return Appointment.book(
      { motifId: `${p}-consult`, placeId: `${p}-place-arras`, startsAt: `2026-12-07T${time}:00+01:00`, serviceUser: { firstName: `Prénom ${n}`, lastName: `Nom ${n}`, phone: `06${String(42_000_000 + phones).padStart(8, "0")}` } },
      { idempotencyKey: `k-${p}-${phones}`, now: NOW },
    );
  };
  /** the counters of December as the statistics sum them (every shard) */
  const counted = async () => {
    const items = (await StatsEntity.query.primary({ organisationId: `${p}-mds-arras` }).go({ pages: "all" })).data;
    const december = items.filter((i) => i.month === "2026-12");
    return { freed: december.reduce((sum, i) => sum + (i.freed ?? 0), 0), refilled: december.reduce((sum, i) => sum + (i.refilled ?? 0), 0) };
  };
  return { p, alice, book, counted };
}

describe("freed time and its refill, counted for the statistics", () => {
  it("counts a cancelled slot as freed, and refilled only when a booking takes it again, even after other bookings of that day", async () => {
    const { book, counted } = await setup();
    const a = await book("09:00");
    await book("10:00");
    expect(await counted()).toEqual({ freed: 0, refilled: 0 });

    await Appointment.cancel(a.manageToken, NOW);
    expect(await counted()).toEqual({ freed: 1, refilled: 0 });

    // another time of the same day: the day (and its place's copy) is written again, the freed time is kept
    await book("11:00");
    expect(await counted()).toEqual({ freed: 1, refilled: 0 });

    await book("09:00");
    expect(await counted()).toEqual({ freed: 1, refilled: 1 });
    // taken once: a later booking next to it refills nothing more
    await book("09:30");
    expect(await counted()).toEqual({ freed: 1, refilled: 1 });
  });

  it("a reschedule frees the old time (not taken again by the same appointment) and refills the new one when it was freed", async () => {
    const { book, counted } = await setup();
    const a = await book("09:00");
    const b = await book("10:00");
    await Appointment.cancel(a.manageToken, NOW);
    // B moves onto A's freed time: B's old time is freed in turn, A's is refilled
    await Appointment.reschedule(b.manageToken, { startsAt: "2026-12-07T09:00:00+01:00" }, NOW);
    expect(await counted()).toEqual({ freed: 2, refilled: 1 });
    // B moves again: its old time is freed too; its own earlier freed time is not "refilled" by itself
    await Appointment.reschedule(b.manageToken, { startsAt: "2026-12-07T09:30:00+01:00" }, NOW);
    expect(await counted()).toEqual({ freed: 3, refilled: 1 });
    await book("10:00");
    expect(await counted()).toEqual({ freed: 3, refilled: 2 });
  });

  it("a revocation frees time still to come, never time already past", async () => {
    const { p, alice, book, counted } = await setup();
    const a = await book("11:30");
    await Appointment.revoke(a.id, alice, NOW);
    expect(await counted()).toEqual({ freed: 1, refilled: 0 });
    await Appointment.revoke(`${p}-past`, alice, NOW);
    const november = (await StatsEntity.query.primary({ organisationId: `${p}-mds-arras` }).go({ pages: "all" })).data.filter((i) => i.month === "2026-11");
    expect(november.reduce((sum, i) => sum + (i.freed ?? 0), 0)).toBe(0);
  });
});
