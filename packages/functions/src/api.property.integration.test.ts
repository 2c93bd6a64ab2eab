import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import * as Clock from "@rdv/core/clock";
import * as DepartmentFile from "@rdv/core/department-file";
import * as Session from "@rdv/core/session";
import { smallDepartment } from "@rdv/core/testing/department-fixture";
import { tableSnapshot } from "@rdv/core/testing/table";
import * as Keys from "./agent-api-keys";
import * as Auth from "./agent-auth";
import { routeKey, routes } from "./routes";
import { coverage, fieldNames, handlerOf, problemWith, routeFuzzers, UNCOUNTED_ENTITIES, type FuzzFixture, type RouteFuzz } from "./testing/fuzz";
import { invoke } from "./testing/invoke";

/**
 * Guarantee 5 over the whole API: for every route of routes.ts, generated malformed requests
 * (testing/fuzz.ts) get a 4xx in the error shape — never a 5xx, never a 2xx — and change nothing
 * in the table. `npm run fuzz` runs the same generators at length; this is the CI-sized run.
 */
const RUNS = Number(process.env.RDV_PROPERTY_RUNS ?? 60);
// a fixed seed by default, so that CI's run is reproducible (the "fields named" check depends on
// what was generated); RDV_PROPERTY_SEED explores others, `npm run fuzz` explores many more
const SEED = Number(process.env.RDV_PROPERTY_SEED ?? 20261202);
const PASSWORD = "mot-de-passe-solide-2026";
const p = "pbt";

/**
 * Field names each route's generated requests must have reached validation with, so a route
 * cannot pass by answering every case the same 4xx before looking at it (a 401, a 404).
 */
const MUST_NAME: Record<string, string[]> = {
  "GET /v1/public/communes": ["q"],
  "GET /v1/public/motifs": ["commune"],
  "GET /v1/public/places": ["motif", "commune"],
  "GET /v1/public/slots": ["motif", "place", "from", "to"],
  "GET /v1/public/sessions": ["motif", "place", "from", "to"],
  "POST /v1/public/appointments": ["motifId", "placeId", "startsAt", "Idempotency-Key", "body"],
  "GET /v1/public/appointments/{manageToken}": ["manageToken"],
  "POST /v1/public/appointments/{manageToken}/cancel": ["manageToken"],
  "POST /v1/public/appointments/{manageToken}/reschedule": ["manageToken", "startsAt"],
  "POST /v1/public/waitlist": ["motifId", "commune", "latestDate", "serviceUser.phone"],
  "GET /v1/public/waitlist/{manageToken}": ["manageToken"],
  "POST /v1/public/waitlist/{manageToken}/leave": ["manageToken"],
  "GET /v1/public/appointments/{manageToken}/waitlist": ["manageToken"],
  "POST /v1/public/appointments/{manageToken}/waitlist": ["manageToken", "latestDate"],
  "POST /v1/public/appointments/{manageToken}/waitlist/leave": ["manageToken"],
  "GET /v1/public/offers/{offerToken}": ["offerToken"],
  "POST /v1/public/offers/{offerToken}/accept": ["offerToken"],
  "GET /v1/dev/outbox": ["limit"],
  "POST /v1/agent/auth/sign-in": ["email", "password"],
  "POST /v1/agent/auth/invitation": ["token", "password"],
  "POST /v1/agent/invitations": ["email", "role"],
  "POST /v1/agent/auth/password-reset": ["email"],
  "POST /v1/agent/auth/password-reset/confirm": ["token", "password"],
  "GET /v1/agent/team": ["organisation"],
  "POST /v1/agent/team/{agentId}": ["agentId", "organisationId", "role", "serviceIds[0]"],
  "POST /v1/agent/team/{agentId}/deactivate": ["agentId", "organisationId"],
  "POST /v1/agent/appointments/{id}/arrival": ["id", "arrived"],
  "GET /v1/agent/agenda": ["organisationId", "from", "to"],
  "GET /v1/agent/slots": ["motif", "place", "from", "to"],
  "GET /v1/agent/availability": ["organisationId", "motifId", "placeId", "agentId", "from", "days"],
  "POST /v1/agent/me/notifications": ["changes"],
  "POST /v1/agent/appointments": ["motifId", "placeId", "startsAt", "Idempotency-Key"],
  "GET /v1/agent/appointments/to-mark": ["organisationId", "days"],
  "GET /v1/agent/appointments/{id}": ["id"],
  "POST /v1/agent/appointments/{id}/status": ["id", "status"],
  "POST /v1/agent/appointments/{id}/revoke": ["id"],
  "POST /v1/agent/appointments/{id}/move": ["id", "startsAt"],
  "POST /v1/agent/appointments/{id}/waitlist": ["id", "latestDate"],
  "POST /v1/agent/sessions": ["motifId", "placeId", "startsAt", "agentIds"],
  "GET /v1/agent/service-users": ["organisationId", "q"],
  "POST /v1/agent/service-users": ["organisationId", "firstName", "lastName"],
  "GET /v1/agent/stats": ["from", "to"],
  "POST /v1/agent/api-keys": ["name", "organisationId", "scopes"],
  "GET /v1/api/appointments": ["from", "to", "status", "updatedSince", "cursor", "limit"],
  "POST /v1/api/appointments": ["motifId", "placeId", "startsAt", "Idempotency-Key"],
  "POST /v1/api/appointments/{id}/status": ["id", "status"],
  "PUT /v1/api/service-users/{externalId}": ["externalId", "firstName", "lastName", "phone"],
  "GET /v1/agent/stats/export": ["from", "to"],
  "GET /v1/agent/call-list": ["organisationId"],
  "POST /v1/agent/call-list/{appointmentId}": ["outcome"],
  "GET /v1/agent/stats/reminder-trial": ["organisationId"],
  "GET /v1/agent/exports/appointments": ["organisationId", "from", "format"],
  "GET /v1/agent/configuration": ["organisationId"],
  "GET /v1/agent/configuration/changes": ["organisationId", "limit", "cursor"],
  "POST /v1/agent/configuration/places": ["id", "name", "address"],
  "POST /v1/agent/configuration/motifs": ["id", "name", "durationMinutes", "locationType"],
  "POST /v1/agent/configuration/opening-rules": ["id", "firstDay", "start", "end"],
  "POST /v1/agent/configuration/opening-rules/occurrence": ["ruleId", "exception"],
  "DELETE /v1/agent/configuration/opening-rules/{ruleId}": ["ruleId"],
  "POST /v1/agent/configuration/absences": ["id", "start", "end"],
  "POST /v1/agent/configuration/absences/delete": ["agentId", "absenceId"],
  "POST /v1/agent/configuration/absences/occurrence": ["agentId", "absenceId", "exception"],
  "POST /v1/agent/service-users/merge": ["organisationId", "mergeId"],
  "POST /v1/agent/webhooks": ["url", "events"],
  "GET /v1/agent/webhooks": ["organisationId"],
  "POST /v1/agent/webhooks/{id}/rotate": ["id"],
  "POST /v1/agent/webhooks/{id}/deliveries/{deliveryId}/resend": ["id", "deliveryId"],
  "DELETE /v1/agent/webhooks/{id}": ["id"],
};

let fuzzers: Record<string, RouteFuzz> = {};

beforeAll(async () => {
  // the per-client limits would answer 429 before the handlers look at most requests
  process.env.RDV_LIMITS_SCALE = "100000";
  Clock.startAt(new Date("2026-12-01T08:00:00Z"));
  await DepartmentFile.load(smallDepartment(p));
  await Session.setPassword(`${p}-bruno`, PASSWORD);
  const signedIn = await invoke(Auth.signIn, { method: "POST", body: { email: `${p}.bruno@demo.rdv.local`, password: PASSWORD } });
  expect(signedIn.status).toBe(200);
  const admin = { cookies: signedIn.cookies.map((c) => c.split(";")[0]!), csrf: (signedIn.body as { csrfToken: string }).csrfToken };
  const key = await invoke(Keys.create, { method: "POST", cookies: admin.cookies, headers: { "x-csrf-token": admin.csrf }, body: { name: "Fuzz", organisationId: `${p}-mds-arras`, scopes: ["read", "write"] } });
  expect(key.status).toBe(201);
  const fixture: FuzzFixture = { prefix: p, admin, apiKey: (key.body as { key: string }).key };
  fuzzers = routeFuzzers(fixture);
});

describe("every route under malformed input (fast-check)", () => {
  it("has a generator for every route of routes.ts, and none for a route that does not exist", () => {
    expect(coverage(fuzzers)).toEqual({ missing: [], unknown: [] });
    expect(Object.keys(fuzzers)).toHaveLength(routes.length);
  });

  for (const route of routes) {
    const key = routeKey(route);
    it(key, async () => {
      const fuzz = fuzzers[key];
      expect(fuzz, `no generator for ${key}`).toBeDefined();
      const handler = await handlerOf(route);
      // taken after sign-in: the admin's session is part of the fixture
      const before = await tableSnapshot({ except: UNCOUNTED_ENTITIES });
      const named = new Set<string>();
      let reached = 0;
      await fc.assert(
        fc.asyncProperty(fuzz!.cases, async (request) => {
          const response = await invoke(handler, { path: route.path, ...request });
          const problem = problemWith(fuzz!.expect, response);
          if (problem) throw new Error(`${problem}: ${JSON.stringify(response.body).slice(0, 300)}`);
          for (const name of fieldNames(response)) named.add(name);
          if (response.status === 400) reached++;
        }),
        { numRuns: RUNS, seed: SEED },
      );
      expect(await tableSnapshot({ except: UNCOUNTED_ENTITIES }), `${key} wrote to the table`).toEqual(before);
      const mustName = MUST_NAME[key] ?? [];
      expect([...named].filter((name) => mustName.includes(name)).sort(), `${key}: fields named`).toEqual([...mustName].sort());
      if (mustName.length > 0) expect(reached).toBeGreaterThan(0);
    });
  }
}, 300_000);
