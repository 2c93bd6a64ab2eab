import { beforeAll, describe, expect, it } from "vitest";
import * as Clock from "@rdv/core/clock";
import * as DepartmentFile from "@rdv/core/department-file";
import * as ManageToken from "@rdv/core/manage-token";
import * as Session from "@rdv/core/session";
import { smallDepartment } from "@rdv/core/testing/department-fixture";
import { tableSnapshot } from "@rdv/core/testing/table";
import * as AgentAgenda from "./agent-agenda";
import * as AgentAppointments from "./agent-appointments";
import * as AgentConfiguration from "./agent-configuration";
import * as AgentServiceUsers from "./agent-service-users";
import * as AgentStats from "./agent-stats";
import * as Auth from "./agent-auth";
import * as Appointments from "./public-appointments";
import * as Catalogue from "./public-catalogue";
import { invoke } from "./testing/invoke";

/** the agent routes' handlers, across their modules */
const Agent = { ...AgentAgenda, ...AgentAppointments, ...AgentConfiguration, ...AgentServiceUsers, ...AgentStats };

/**
 * Inputs that gave 5xx under fuzzing (guarantee 5): each is now a 4xx naming the field, and
 * writes nothing. The property test (api.property.integration.test.ts) covers them in bulk;
 * these name each defect.
 */
const PASSWORD = "mot-de-passe-solide-2026";
const p = "bad";
const id = (name: string) => `${p}-${name}`;
let admin: { cookies: string[]; csrf: string };
const token = () => ManageToken.derive(`${id("rdv-1")}.${id("usager-1")}`, 1);

beforeAll(async () => {
  Clock.startAt(new Date("2026-12-01T08:00:00Z"));
  await DepartmentFile.load(smallDepartment(p));
  await Session.setPassword(id("bruno"), PASSWORD);
  const signedIn = await invoke(Auth.signIn, { method: "POST", body: { email: `${p}.bruno@demo.rdv.local`, password: PASSWORD } });
  admin = { cookies: signedIn.cookies.map((c) => c.split(";")[0]!), csrf: (signedIn.body as { csrfToken: string }).csrfToken };
});

const asAdmin = (method: string, extra: Parameters<typeof invoke>[1] = {}) => ({
  method,
  cookies: admin.cookies,
  ...extra,
  headers: { ...(method === "GET" ? {} : { "x-csrf-token": admin.csrf }), ...(extra.headers ?? {}) },
});

const invalid = (fields: Record<string, string>) => ({ status: 400, body: { error: { code: "request.invalid", message: "Certaines informations sont invalides.", fields } } });

describe("bad input is a 4xx naming the field, never a 5xx", () => {
  it("a day that does not exist (30 February, 29 February 2027) is a 400 on public book and reschedule, agent book and move, and sessions", async () => {
    const before = await tableSnapshot();
    for (const [n, startsAt] of ["2026-02-30T10:00:00+01:00", "2027-02-29T10:00:00+01:00", "2026-12-07T24:00:00+01:00", "2026-12-07T10:00:00+15:00"].entries()) {
      const unknown = { startsAt: "date ou heure inexistante" };
      const serviceUser = { firstName: "Camille", lastName: "Durand", phone: "0612345678" };
      expect(await invoke(Appointments.book, { method: "POST", headers: { "idempotency-key": `public-key-${n}` }, body: { motifId: id("consult"), placeId: id("place-arras"), startsAt, serviceUser } }), startsAt).toEqual(
        expect.objectContaining(invalid(unknown)),
      );
      expect(await invoke(Appointments.reschedule, { method: "POST", params: { manageToken: token() }, body: { startsAt } })).toEqual(expect.objectContaining(invalid(unknown)));
      expect(
        await invoke(Agent.book, asAdmin("POST", { headers: { "idempotency-key": `agent-key-${n}` }, body: { motifId: id("consult"), placeId: id("place-arras"), startsAt, serviceUserId: id("usager-1"), acknowledgeWarnings: true } })),
      ).toEqual(expect.objectContaining(invalid(unknown)));
      expect(await invoke(Agent.move, asAdmin("POST", { params: { id: id("rdv-1") }, body: { startsAt } }))).toEqual(expect.objectContaining(invalid(unknown)));
      expect(await invoke(Agent.createSession, asAdmin("POST", { body: { motifId: id("atelier"), placeId: id("place-arras"), startsAt, agentIds: [id("alice")] } }))).toEqual(
        expect.objectContaining(invalid(unknown)),
      );
    }
    expect(await tableSnapshot()).toEqual(before);
  });

  it("a session cookie that does not decode (rdv_session=%E0%A4%A) is no session: 401 on agent routes, sign-out ends nothing", async () => {
    for (const cookies of [["rdv_session=%E0%A4%A"], ["rdv_session=%"], [`rdv_session=${"%".repeat(10)}`]]) {
      expect(await invoke(Auth.show, { cookies })).toMatchObject({ status: 401, body: { error: { code: "auth.required" } } });
      expect(await invoke(Agent.agenda, { cookies, query: { organisation: id("mds-arras"), from: "2026-12-07", to: "2026-12-13" } })).toMatchObject({ status: 401 });
      expect((await invoke(Auth.signOut, { method: "POST", cookies, headers: { "x-csrf-token": admin.csrf } })).status).toBeLessThan(500);
    }
    expect((await invoke(Auth.show, { cookies: admin.cookies })).status).toBe(200);
  });

  it("ids of 5,000 characters in paths, queries and bodies are a 400 naming the parameter; unknown well-formed ones a 404", async () => {
    const long = "x".repeat(5000);
    const tooLong = "80 caractères au plus";
    expect(await invoke(Agent.detail, asAdmin("GET", { params: { id: long } }))).toEqual(expect.objectContaining(invalid({ id: tooLong })));
    expect(await invoke(Agent.revoke, asAdmin("POST", { params: { id: long } }))).toEqual(expect.objectContaining(invalid({ id: tooLong })));
    expect(await invoke(Agent.setStatus, asAdmin("POST", { params: { id: "a/b" }, body: { status: "seen" } }))).toMatchObject({ status: 400, body: { error: { fields: { id: expect.any(String) } } } });
    expect(await invoke(Agent.move, asAdmin("POST", { params: { id: long }, body: { startsAt: "2026-12-07T10:00:00+01:00" } }))).toEqual(expect.objectContaining(invalid({ id: tooLong })));
    expect(await invoke(Agent.deleteOpeningRule, asAdmin("DELETE", { params: { ruleId: long } }))).toEqual(expect.objectContaining(invalid({ ruleId: tooLong })));
    expect(await invoke(Agent.detail, asAdmin("GET", { params: { id: "zz-unknown" } }))).toMatchObject({ status: 404, body: { error: { code: "appointment.not_found" } } });
    expect(await invoke(Agent.deleteOpeningRule, asAdmin("DELETE", { params: { ruleId: "zz-unknown" } }))).toMatchObject({ status: 404, body: { error: { code: "opening_rule.not_found" } } });
    expect(await invoke(Catalogue.slots, { query: { motif: long, place: id("place-arras"), from: "2026-12-07", to: "2026-12-13" } })).toEqual(expect.objectContaining(invalid({ motif: tooLong })));
    expect(await invoke(Agent.agenda, asAdmin("GET", { query: { organisation: long, from: "2026-12-07", to: "2026-12-13" } }))).toEqual(expect.objectContaining(invalid({ organisationId: tooLong })));
  });

  it("statistics over an inverted month range (a key range DynamoDB refuses) or a month 13 are a 400 naming the month", async () => {
    const stats = (from: string, to: string) => invoke(Agent.stats, asAdmin("GET", { query: { organisation: id("mds-arras"), from, to } }));
    expect(await stats("2026-12", "2026-01")).toEqual(expect.objectContaining(invalid({ to: "doit être le même mois que « from » ou après" })));
    expect(await stats("2026-13", "2026-14")).toEqual(expect.objectContaining(invalid({ from: "mois attendu au format AAAA-MM", to: "mois attendu au format AAAA-MM" })));
    expect((await stats("2026-01", "2026-12")).status).toBe(200);
  });

  it("a session or a booking in year 1 or 9999 is a 400 naming startsAt, not a session stored as +010000", async () => {
    const before = await tableSnapshot();
    for (const startsAt of ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z"]) {
      const session = await invoke(Agent.createSession, asAdmin("POST", { body: { motifId: id("atelier"), placeId: id("place-arras"), startsAt, agentIds: [id("alice")] } }));
      expect(session).toEqual(expect.objectContaining(invalid({ startsAt: "année entre 2000 et 2099 attendue" })));
    }
    expect(await tableSnapshot()).toEqual(before);
  });

  it("a manage token that cannot be one is a 400 naming it; a well-formed unknown one a 404", async () => {
    const malformed = { manageToken: "lien de gestion invalide (24 caractères : lettres, chiffres, '-' ou '_')" };
    for (const manageToken of ["x".repeat(5000), "%E0%A4%A", "short"]) {
      expect(await invoke(Appointments.show, { params: { manageToken } })).toEqual(expect.objectContaining(invalid(malformed)));
      expect(await invoke(Appointments.cancel, { method: "POST", params: { manageToken } })).toEqual(expect.objectContaining(invalid(malformed)));
      expect(await invoke(Appointments.reschedule, { method: "POST", params: { manageToken }, body: { startsAt: "2026-12-07T10:00:00+01:00" } })).toEqual(expect.objectContaining(invalid(malformed)));
    }
    expect(await invoke(Appointments.show, { params: { manageToken: "A".repeat(24) } })).toMatchObject({ status: 404 });
  });
});
