import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as Clock from "@rdv/core/clock";
import * as DepartmentFile from "@rdv/core/department-file";
import { WebhookListInfo, WebhookSecretInfo } from "@rdv/core/schema";
import * as Session from "@rdv/core/session";
import { smallDepartment } from "@rdv/core/testing/department-fixture";
import * as Auth from "./agent-auth";
import { invoke } from "./testing/invoke";
import * as Webhooks from "./webhooks";
import { handler as deliveryHandler } from "./webhook-delivery";

const PASSWORD = "mot-de-passe-solide-2026";
const p = `h${randomUUID().slice(0, 6)}`;
const id = (name: string) => `${p}-${name}`;

beforeAll(async () => {
  Clock.startAt(new Date("2026-12-01T08:00:00Z"));
  process.env.RDV_WEBHOOK_ALLOW_LOOPBACK = "1";
  await DepartmentFile.load(smallDepartment(p));
  for (const agent of ["alice", "bruno"]) await Session.setPassword(id(agent), PASSWORD);
});

async function signIn(agent: string) {
  const response = await invoke(Auth.signIn, { method: "POST", body: { email: `${p}.${agent}@demo.rdv.local`, password: PASSWORD } });
  expect(response.status).toBe(200);
  return { cookies: response.cookies.map((c) => c.split(";")[0]!), csrf: (response.body as { csrfToken: string }).csrfToken };
}

describe("webhook routes", () => {
  it("an admin creates (201, the secret once), lists, rotates and deletes; others are refused; CSRF required", async () => {
    const bruno = await signIn("bruno");
    const alice = await signIn("alice");
    const as = (who: typeof bruno) => ({ cookies: who.cookies, headers: { "x-csrf-token": who.csrf } });
    const body = { organisationId: id("mds-arras"), url: "http://127.0.0.1:9/hooks", events: ["appointment.created", "appointment.cancelled"] };

    expect((await invoke(Webhooks.create, { method: "POST", body, cookies: bruno.cookies })).status).toBe(403);
    expect((await invoke(Webhooks.create, { method: "POST", body, ...as(alice) })).status).toBe(403);
    const refused = await invoke(Webhooks.create, { method: "POST", body: { ...body, url: "http://10.0.0.1/hooks" }, ...as(bruno) });
    expect([refused.status, refused.body]).toEqual([400, { error: { code: "request.invalid", message: "Certaines informations sont invalides.", fields: { url: "cette adresse mène à un réseau privé ou local : elle est refusée" } } }]);

    const created = await invoke(Webhooks.create, { method: "POST", body, ...as(bruno) });
    expect(created.status).toBe(201);
    const { id: webhookId, secret } = WebhookSecretInfo.parse(created.body);
    expect(Object.keys(created.body as object).sort()).toEqual(["id", "secret"]);

    const listed = await invoke(Webhooks.list, { query: { organisationId: id("mds-arras") }, cookies: bruno.cookies });
    expect(listed.status).toBe(200);
    expect(WebhookListInfo.parse(listed.body)).toStrictEqual(listed.body);
    expect((listed.body as WebhookListInfo).webhooks.map((w) => [w.id, w.url, w.events, w.status, w.deliveries])).toEqual([[webhookId, body.url, body.events, "active", []]]);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect((await invoke(Webhooks.list, { query: { organisationId: id("mds-arras") }, cookies: alice.cookies })).status).toBe(403);

    expect((await invoke(Webhooks.rotate, { method: "POST", params: { id: webhookId }, ...as(alice) })).status).toBe(404);
    const rotated = await invoke(Webhooks.rotate, { method: "POST", params: { id: webhookId }, ...as(bruno) });
    expect(rotated.status).toBe(200);
    expect((rotated.body as { secret: string }).secret).not.toBe(secret);
    expect((await invoke(Webhooks.resend, { method: "POST", params: { id: webhookId, deliveryId: "msg_none" }, ...as(bruno) })).status).toBe(404);
    expect((await invoke(Webhooks.remove, { method: "DELETE", params: { id: webhookId }, ...as(bruno) })).status).toBe(200);
    expect((await invoke(Webhooks.list, { query: { organisationId: id("mds-arras") }, cookies: bruno.cookies })).body).toEqual({ webhooks: [] });
  });

  it("the queue's consumer drops a message it cannot read and reports none failed", async () => {
    const event = { Records: [{ messageId: "m-1", body: "pas du JSON" }, { messageId: "m-2", body: '{"subscriptionId":"wh_x"}' }, { messageId: "m-3", body: '{"subscriptionId":"wh_x","deliveryId":"msg_x"}' }] };
    expect(await deliveryHandler(event as never)).toEqual({ batchItemFailures: [] });
  });
});
