import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import * as Clock from "@rdv/core/clock";
import * as DepartmentFile from "@rdv/core/department-file";
import * as Session from "@rdv/core/session";
import { smallDepartment } from "@rdv/core/testing/department-fixture";
import * as Auth from "./agent-auth";
import * as CalendarFeed from "./calendar-feed";
import { invoke } from "./testing/invoke";

const PASSWORD = "mot-de-passe-solide-2026";
const p = `cfh${randomUUID().slice(0, 6)}`;

beforeAll(async () => {
  Clock.startAt(new Date("2026-12-01T08:00:00Z"));
  await DepartmentFile.load(smallDepartment(p));
  await Session.setPassword(`${p}-alice`, PASSWORD);
});

it("an agent makes a feed address, calendar software reads it as text/calendar without a session, revoking makes it a 404", async () => {
  const signedIn = await invoke(Auth.signIn, { method: "POST", body: { email: `${p}.alice@demo.rdv.local`, password: PASSWORD } });
  const cookies = signedIn.cookies.map((c) => c.split(";")[0]!);
  const headers = { "x-csrf-token": (signedIn.body as { csrfToken: string }).csrfToken };
  expect(await invoke(CalendarFeed.status, { cookies })).toMatchObject({ status: 200, body: { active: false } });
  // a state change: the CSRF token is required, a session too
  expect((await invoke(CalendarFeed.create, { method: "POST", cookies })).status).toBe(403);
  expect((await invoke(CalendarFeed.create, { method: "POST", headers })).status).toBe(401);
  const made = await invoke(CalendarFeed.create, { method: "POST", cookies, headers });
  expect(made).toMatchObject({ status: 201, body: { url: expect.stringMatching(/\/v1\/public\/calendar-feeds\/[\w-]{43}$/) } });
  const token = (made.body as { url: string }).url.split("/").pop()!;
  const feed = await invoke(CalendarFeed.feed, { path: `/v1/public/calendar-feeds/${token}`, params: { token } });
  expect(feed.status).toBe(200);
  expect(feed.headers["content-type"]).toBe("text/calendar; charset=utf-8");
  expect(feed.raw!.toString("utf8")).toContain("SUMMARY:Consultation nourrisson — D. C.");
  expect(await invoke(CalendarFeed.revoke, { method: "DELETE", cookies, headers })).toMatchObject({ status: 200, body: { active: false } });
  expect(await invoke(CalendarFeed.feed, { params: { token } })).toMatchObject({ status: 404, body: { error: { code: "calendar_feed.not_found" } } });
});
