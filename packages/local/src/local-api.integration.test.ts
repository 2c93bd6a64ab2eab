import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as DepartmentFile from "@rdv/core/department-file";
import { smallDepartment } from "@rdv/core/testing/department-fixture";
import { routes } from "@rdv/functions/routes";
import { startLocalApi } from "./http-server";

let api: Awaited<ReturnType<typeof startLocalApi>>;

beforeAll(async () => {
  await DepartmentFile.load(smallDepartment());
  api = await startLocalApi({ port: 0 });
});
afterAll(async () => {
  await api?.close();
});

const get = async (path: string, init?: RequestInit) => {
  const response = await fetch(api.url + path, init);
  return { status: response.status, type: response.headers.get("content-type"), body: (await response.json()) as unknown };
};

describe("local API over HTTP through the real handlers", () => {
  it("serves the health route", async () => {
    expect(await get("/v1/health")).toEqual({ status: 200, type: "application/json; charset=utf-8", body: { ok: true } });
  });

  it("lists the communes the organisations serve, first 50 for an empty query", async () => {
    const all = await get("/v1/public/communes");
    expect(all.body).toEqual({
      communes: [
        { code: "62041", name: "Arras", postcodes: ["62000"] },
        { code: "62065", name: "Avion", postcodes: ["62210"] },
        { code: "62498", name: "Lens", postcodes: ["62300"] },
      ],
    });
    expect((await get("/v1/public/communes?q=av")).body).toEqual({ communes: [{ code: "62065", name: "Avion", postcodes: ["62210"] }] });
    expect((await get("/v1/public/communes?q=%C3%A9l%C3%A9phant")).body).toEqual({ communes: [] });
  });

  it("answers a too long query with a 400 naming the field", async () => {
    const response = await get(`/v1/public/communes?q=${"a".repeat(101)}`);
    expect(response).toEqual({
      status: 400,
      type: "application/json; charset=utf-8",
      body: { error: { code: "request.invalid", message: "Certaines informations sont invalides.", fields: { q: "100 caractères au plus" } } },
    });
  });

  it("answers unknown routes and methods in the error shape", async () => {
    expect(await get("/v1/nothing-here")).toMatchObject({ status: 404, body: { error: { code: "route.not_found" } } });
    expect(await get("/v1/health", { method: "POST" })).toMatchObject({ status: 405, body: { error: { code: "route.method_not_allowed" } } });
  });

  it("answers a path parameter whose percent-escape does not decode with a 400 naming it, not a 500", async () => {
    expect(await get("/v1/public/appointments/%E0%A4%A")).toEqual({
      status: 400,
      type: "application/json; charset=utf-8",
      body: { error: { code: "request.invalid", message: "L'adresse demandée est mal formée.", fields: { manageToken: "encodage d'URL invalide" } } },
    });
    expect(await get("/v1/agent/appointments/%ZZ")).toMatchObject({ status: 400, body: { error: { fields: { id: "encodage d'URL invalide" } } } });
  });

  it("survives a Host header that is not a host (it used to throw outside any handler and stop the server)", async () => {
    const { port } = new URL(api.url);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), "127.0.0.1", () => socket.write("GET /v1/health HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n"));
      let data = "";
      socket.on("data", (chunk) => (data += chunk.toString()));
      socket.on("end", () => resolve(data));
      socket.on("error", reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 (200|400) /);
    expect(await get("/v1/health")).toMatchObject({ status: 200 });
  });

  it("serves every route of the route table through its own handler (a bare request to each gets that handler's exact answer)", async () => {
    // agent routes behind the session are covered below (401 each); these are the others
    const expected: Record<string, [number, string?]> = {
      "GET /v1/health": [200],
      "GET /v1/public/communes": [200],
      "GET /v1/public/motifs": [400, "request.invalid"],
      "GET /v1/public/places": [400, "request.invalid"],
      "GET /v1/public/slots": [400, "request.invalid"],
      "GET /v1/public/sessions": [400, "request.invalid"],
      "POST /v1/public/appointments": [400, "request.invalid"],
      // "x" cannot be a manage token: the path parameter is refused before the handler
      "GET /v1/public/appointments/{manageToken}": [400, "request.invalid"],
      "POST /v1/public/appointments/{manageToken}/cancel": [400, "request.invalid"],
      "POST /v1/public/appointments/{manageToken}/reschedule": [400, "request.invalid"],
      "GET /v1/public/appointments/{manageToken}/waitlist": [400, "request.invalid"],
      "POST /v1/public/appointments/{manageToken}/waitlist": [400, "request.invalid"],
      "POST /v1/public/appointments/{manageToken}/waitlist/leave": [400, "request.invalid"],
      "POST /v1/public/waitlist": [400, "request.invalid"],
      "GET /v1/public/waitlist/{manageToken}": [400, "request.invalid"],
      "POST /v1/public/waitlist/{manageToken}/leave": [400, "request.invalid"],
      "GET /v1/public/offers/{offerToken}": [400, "request.invalid"],
      "POST /v1/public/offers/{offerToken}/accept": [400, "request.invalid"],
      "GET /v1/public/invitations/{invitationToken}": [400, "request.invalid"],
      "GET /v1/public/invitations/{invitationToken}/slots": [400, "request.invalid"],
      "POST /v1/public/invitations/{invitationToken}/book": [400, "request.invalid"],
      "GET /v1/dev/outbox": [200],
      // no feed has the address "x"
      "GET /v1/public/calendar-feeds/{token}": [404, "calendar_feed.not_found"],
      "POST /v1/agent/auth/sign-in": [400, "request.invalid"],
      "POST /v1/agent/auth/invitation": [400, "request.invalid"],
      "GET /v1/agent/auth/invitation/{token}": [404, "auth.invitation_invalid"],
      "POST /v1/agent/auth/password-reset": [400, "request.invalid"],
      "GET /v1/agent/auth/password-reset/{token}": [404, "auth.reset_invalid"],
      "POST /v1/agent/auth/password-reset/confirm": [400, "request.invalid"],
      "GET /v1/agent/auth/methods": [200],
      // browser navigations: a refusal is a redirection to the site's page (this stage has no ProConnect)
      "GET /v1/agent/auth/oidc/start": [302],
      "GET /v1/agent/auth/oidc/callback": [302],
      "GET /v1/openapi.json": [200],
      // the integration API: no key, a 401 before anything else
      "GET /v1/api/places": [401, "auth.required"],
      "GET /v1/api/motifs": [401, "auth.required"],
      "GET /v1/api/agents": [401, "auth.required"],
      "GET /v1/api/appointments": [401, "auth.required"],
      "GET /v1/api/appointments/{id}": [401, "auth.required"],
      "POST /v1/api/appointments": [401, "auth.required"],
      "POST /v1/api/appointments/{id}/cancel": [401, "auth.required"],
      "POST /v1/api/appointments/{id}/status": [401, "auth.required"],
      "PUT /v1/api/service-users/{externalId}": [401, "auth.required"],
      "POST /v1/api/invitations": [401, "auth.required"],
    };
    const open = routes.filter((r) => !r.path.startsWith("/v1/agent/") || r.path.startsWith("/v1/agent/auth/") && r.path !== "/v1/agent/auth/sign-out");
    expect(open.map((r) => `${r.method} ${r.path}`).sort()).toEqual(Object.keys(expected).sort());
    for (const route of open) {
      const key = `${route.method} ${route.path}`;
      const post = route.method !== "GET";
      const response = await get(route.path.replace(/\{[^}]+\}/g, "x"), post ? { method: route.method, headers: { "content-type": "application/json" }, body: "{}" } : { redirect: "manual" });
      const [status, code] = expected[key]!;
      expect([key, response.status, (response.body as { error?: { code?: string } } | null)?.error?.code], JSON.stringify(response.body)).toEqual([key, status, code]);
    }
  });

  it("answers 401 to every agent route without a session, unknown agent paths included, before saying anything else", async () => {
    const open = new Set(["/v1/agent/auth/sign-in", "/v1/agent/auth/invitation", "/v1/agent/auth/invitation/{token}", "/v1/agent/auth/sign-out", "/v1/agent/auth/password-reset", "/v1/agent/auth/password-reset/{token}", "/v1/agent/auth/password-reset/confirm", "/v1/agent/auth/methods", "/v1/agent/auth/oidc/start", "/v1/agent/auth/oidc/callback"]);
    const agentRoutes = routes.filter((r) => r.path.startsWith("/v1/agent/") && !open.has(r.path));
    expect(agentRoutes.length).toBeGreaterThan(25);
    for (const route of agentRoutes) {
      const path = route.path.replace(/\{[^}]+\}/g, "x");
      const method = route.method === "ANY" ? "PATCH" : route.method;
      const response = await get(path, { method, headers: { "content-type": "application/json" }, body: method === "GET" ? undefined : "{}" });
      expect(response, `${method} ${path}`).toMatchObject({ status: 401, body: { error: { code: "auth.required" } } });
    }
    expect(await get("/v1/agent/secret/things")).toMatchObject({ status: 401 });
    expect(await get("/v1/agent/me", { method: "DELETE" })).toMatchObject({ status: 401 });
  });
});
