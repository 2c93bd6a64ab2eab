import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { docClient } from "./client";
import { Db } from "./service";

/** Each entity written and read back, and each index queried, on DynamoDB Local. */
const uid = () => randomUUID().slice(0, 8);

describe("entities on DynamoDB Local", () => {
  it("department: one item, read back", async () => {
    await Db.entities.department.put({ code: "62", name: "Pas-de-Calais", timezone: "Europe/Paris", whitMondayWorked: false }).go();
    const { data } = await Db.entities.department.get({}).go();
    expect(data).toMatchObject({ code: "62", name: "Pas-de-Calais", timezone: "Europe/Paris" });
  });

  it("organisations and services: by id and the whole list", async () => {
    const a = `org-${uid()}`;
    const b = `org-${uid()}`;
    await Db.entities.organisation.put([{ organisationId: a, name: "MDS A", communes: ["62041"] }, { organisationId: b, name: "MDS B", communes: [] }]).go();
    expect((await Db.entities.organisation.get({ organisationId: a }).go()).data).toMatchObject({ name: "MDS A", communes: ["62041"] });
    const all = await Db.entities.organisation.query.all({}).go({ pages: "all" });
    expect(all.data.map((o) => o.organisationId)).toEqual(expect.arrayContaining([a, b]));

    const s = `svc-${uid()}`;
    await Db.entities.service.put({ serviceId: s, name: "PMI" }).go();
    expect((await Db.entities.service.get({ serviceId: s }).go()).data?.name).toBe("PMI");
    expect((await Db.entities.service.query.all({}).go({ pages: "all" })).data.map((x) => x.serviceId)).toContain(s);
  });

  it("places and motifs of an organisation", async () => {
    const org = `org-${uid()}`;
    await Db.entities.place.put([
      { placeId: `${org}-p2`, organisationId: org, name: "Annexe", address: "2 rue B" },
      { placeId: `${org}-p1`, organisationId: org, name: "Siège", address: "1 rue A", phone: "+33321000000" },
    ]).go();
    expect((await Db.entities.place.get({ placeId: `${org}-p1` }).go()).data).toMatchObject({ name: "Siège", phone: "+33321000000" });
    const places = await Db.entities.place.query.byOrganisation({ organisationId: org }).go();
    expect(places.data.map((p) => p.placeId)).toEqual([`${org}-p1`, `${org}-p2`]);

    const motif = {
      organisationId: org, name: "Consultation", durationMinutes: 30, locationType: "on_site" as const, online: true,
      minDelayMinutes: 30, maxDelayDays: 90, cancelUntilMinutesBefore: 120, rescheduleUntilMinutesBefore: 1440,
    };
    await Db.entities.motif.put([
      { ...motif, motifId: `${org}-m1`, serviceId: "social" },
      { ...motif, motifId: `${org}-m2`, serviceId: "pmi" },
    ]).go();
    expect((await Db.entities.motif.get({ motifId: `${org}-m1` }).go()).data).toMatchObject({ durationMinutes: 30, notification: "normal", bufferMinutes: 0 });
    const pmi = await Db.entities.motif.query.byOrganisation({ organisationId: org, serviceId: "pmi" }).go();
    expect(pmi.data.map((m) => m.motifId)).toEqual([`${org}-m2`]);
  });

  it("agents by e-mail and memberships of an organisation", async () => {
    const agentId = `agent-${uid()}`;
    const email = `${agentId}@demo.rdv.local`;
    await Db.entities.agent.put({ agentId, email, firstName: "Alice", lastName: "Martin", organisationIds: ["o1"], serviceIds: ["pmi"], role: "agent" }).go();
    expect((await Db.entities.agent.get({ agentId }).go()).data?.lastName).toBe("Martin");
    expect((await Db.entities.agent.query.byEmail({ email }).go()).data.map((a) => a.agentId)).toEqual([agentId]);

    const org = `org-${uid()}`;
    await Db.entities.membership.put([
      { agentId, organisationId: org, role: "agent", serviceIds: ["pmi"] },
      { agentId: `${agentId}-2`, organisationId: org, role: "admin", serviceIds: [] },
    ]).go();
    expect((await Db.entities.membership.query.primary({ agentId }).go()).data.map((m) => m.organisationId)).toEqual([org]);
    expect((await Db.entities.membership.query.byOrganisation({ organisationId: org }).go()).data.map((m) => m.agentId)).toEqual([agentId, `${agentId}-2`]);
  });

  it("opening rules by place and by organisation (and agent); absences of an agent", async () => {
    const place = `place-${uid()}`;
    const agent = `agent-${uid()}`;
    const org = `org-${uid()}`;
    const rule = {
      placeId: place, organisationId: org, motifIds: ["m"], firstDay: "2026-12-07", start: "09:00", end: "12:00",
      recurrence: { everyWeeks: 2, weekdays: ["mon", "thu"] }, exceptions: [{ day: "2026-12-10", cancelled: true }],
    };
    await Db.entities.openingRule.put([
      { ...rule, ruleId: `${place}-r1`, agentId: agent },
      { ...rule, ruleId: `${place}-r2`, agentId: `${agent}-other` },
    ]).go();
    expect((await Db.entities.openingRule.get({ ruleId: `${place}-r1` }).go()).data).toMatchObject({ recurrence: { everyWeeks: 2, weekdays: ["mon", "thu"] }, exceptions: [{ day: "2026-12-10", cancelled: true }] });
    expect((await Db.entities.openingRule.query.byPlace({ placeId: place }).go()).data).toHaveLength(2);
    expect((await Db.entities.openingRule.query.byOrganisation({ organisationId: org }).go()).data).toHaveLength(2);
    expect((await Db.entities.openingRule.query.byOrganisation({ organisationId: org, agentId: agent }).go()).data.map((r) => r.ruleId)).toEqual([`${place}-r1`]);

    await Db.entities.absence.put([
      { agentId: agent, absenceId: "a1", start: "2026-12-14T10:00", end: "2026-12-14T11:00" },
      { agentId: agent, absenceId: "a2", start: "2026-12-21T00:00", end: "2026-12-24T23:59", title: "Congés" },
    ]).go();
    expect((await Db.entities.absence.query.primary({ agentId: agent }).go()).data.map((a) => a.absenceId)).toEqual(["a1", "a2"]);
  });

  it("appointment with participations as one collection; by organisation and start; participation by token hash", async () => {
    const org = `org-${uid()}`;
    const base = {
      organisationId: org, serviceId: "pmi", motifId: "m", placeId: "p", agentIds: ["a"], timezone: "Europe/Paris", createdBy: "usager" as const,
    };
    await Db.entities.appointment.put([
      { ...base, appointmentId: `${org}-late`, startsAt: "2026-12-08T10:00:00.000Z", endsAt: "2026-12-08T10:30:00.000Z" },
      { ...base, appointmentId: `${org}-early`, startsAt: "2026-12-07T08:00:00.000Z", endsAt: "2026-12-07T08:30:00.000Z" },
      { ...base, appointmentId: `${org}-next-week`, startsAt: "2026-12-15T08:00:00.000Z", endsAt: "2026-12-15T08:30:00.000Z" },
    ]).go();
    const tokenHash = `hash-${uid()}`;
    await Db.entities.participation.put({ appointmentId: `${org}-early`, participationId: "p1", serviceUserId: "u1", tokenHash }).go();

    const week = await Db.entities.appointment.query
      .byOrganisationStart({ organisationId: org })
      .between({ startsAt: "2026-12-07T00:00:00.000Z" }, { startsAt: "2026-12-14T00:00:00.000Z" })
      .go();
    expect(week.data.map((a) => a.appointmentId)).toEqual([`${org}-early`, `${org}-late`]);

    const collection = await Db.collections.appointment({ appointmentId: `${org}-early` }).go();
    expect(collection.data.appointment.map((a) => a.status)).toEqual(["booked"]);
    expect(collection.data.participation.map((p) => p.participationId)).toEqual(["p1"]);

    const byToken = await Db.entities.participation.query.byTokenHash({ tokenHash }).go();
    expect(byToken.data.map((p) => p.appointmentId)).toEqual([`${org}-early`]);
  });

  it("agent days over a date range", async () => {
    const agentId = `agent-${uid()}`;
    await Db.entities.agentDay.put([
      { agentId, day: "2026-12-06", busy: [] },
      { agentId, day: "2026-12-07", busy: [{ appointmentId: "x", start: "2026-12-07T08:00:00.000Z", end: "2026-12-07T08:30:00.000Z" }] },
      { agentId, day: "2026-12-08", busy: [] },
    ]).go();
    const range = await Db.entities.agentDay.query.primary({ agentId }).between({ day: "2026-12-07" }, { day: "2026-12-31" }).go();
    expect(range.data.map((d) => d.day)).toEqual(["2026-12-07", "2026-12-08"]);
    expect(range.data[0]!.busy).toEqual([{ appointmentId: "x", start: "2026-12-07T08:00:00.000Z", end: "2026-12-07T08:30:00.000Z" }]);

    // stored as one string attribute (cheap to read in bulk), and items in the older list form still read
    const key = Db.entities.agentDay.get({ agentId, day: "2026-12-07" }).params() as { TableName: string; Key: Record<string, string> };
    const raw = await docClient().send(new GetCommand({ TableName: key.TableName, Key: key.Key }));
    expect(typeof raw.Item?.busy).toBe("string");
    const legacy = [{ appointmentId: "y", start: "2026-12-08T08:00:00.000Z", end: "2026-12-08T08:30:00.000Z" }];
    const legacyKey = Db.entities.agentDay.get({ agentId, day: "2026-12-08" }).params() as { Key: Record<string, string> };
    await docClient().send(new UpdateCommand({ TableName: key.TableName, Key: legacyKey.Key, UpdateExpression: "SET busy = :b", ExpressionAttributeValues: { ":b": legacy } }));
    expect((await Db.entities.agentDay.get({ agentId, day: "2026-12-08" }).go()).data?.busy).toEqual(legacy);
  });

  it("usagers by phone and by e-mail (sparse), profiles of an organisation by name prefix", async () => {
    const phone = `+336${Math.floor(10_000_000 + Math.random() * 89_999_999)}`;
    const u1 = `u-${uid()}`;
    const u2 = `u-${uid()}`;
    const email = `${u1}@example.org`;
    await Db.entities.serviceUser.put([
      { serviceUserId: u1, firstName: "Chloé", lastName: "Dubois", phone, phoneIsMobile: true, email },
      { serviceUserId: u2, firstName: "Hugo", lastName: "Dubois", phone, phoneIsMobile: true },
      { serviceUserId: `${u2}-nophone`, firstName: "Sans", lastName: "Téléphone" },
    ]).go();
    expect((await Db.entities.serviceUser.get({ serviceUserId: u1 }).go()).data?.email).toBe(email);
    expect((await Db.entities.serviceUser.query.byPhone({ phone }).go()).data.map((u) => u.serviceUserId).sort()).toEqual([u1, u2].sort());
    expect((await Db.entities.serviceUser.query.byEmail({ email }).go()).data.map((u) => u.serviceUserId)).toEqual([u1]);

    const org = `org-${uid()}`;
    await Db.entities.userProfile.put([
      { organisationId: org, serviceUserId: u1, searchName: "dubois chloe" },
      { organisationId: org, serviceUserId: u2, searchName: "dubois hugo" },
      { organisationId: org, serviceUserId: "u3", searchName: "durand ali" },
    ]).go();
    const dub = await Db.entities.userProfile.query.primary({ organisationId: org }).begins({ searchName: "dub" }).go();
    expect(dub.data.map((p) => p.serviceUserId)).toEqual([u1, u2]);
    expect((await Db.entities.userProfile.query.byServiceUser({ serviceUserId: u2 }).go()).data.map((p) => p.organisationId)).toEqual([org]);
  });

  it("served communes in one query", async () => {
    await Db.entities.servedCommune.put({ code: "62041", name: "Arras", searchName: "arras", postcodes: ["62000"], organisationIds: ["o"] }).go();
    const all = await Db.entities.servedCommune.query.primary({}).go({ pages: "all" });
    expect(all.data.map((c) => c.code)).toContain("62041");
  });
});
