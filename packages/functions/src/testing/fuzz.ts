import fc from "fast-check";
import * as ManageToken from "@rdv/core/manage-token";
import { routeKey, routes, type RouteDefinition } from "../routes";
import type { Handler } from "../middleware";
import type { InvokeOptions } from "./invoke";

/**
 * Malformed requests for every route of the route table, shared by the property test
 * (api.property.integration.test.ts) and `npm run fuzz`. Each generated request starts
 * from a request that would succeed on the fixture (smallDepartment, an admin signed in) and
 * spoils at least one part of it — a field, a parameter, a header, the session — with a value
 * that must be refused, so the only right answer is a 4xx in the error shape and no write.
 */

export interface FuzzSession {
  cookies: string[];
  csrf: string;
}

export interface FuzzFixture {
  /** id prefix of the fixture (smallDepartment(prefix)) */
  prefix: string;
  /** an admin of both organisations, signed in */
  admin: FuzzSession;
  /** a read-and-write API key of the first organisation (without one, integration routes get spoilt keys only) */
  apiKey?: string;
}

/** What a generated request must get: a 4xx in the error shape (almost all), or the route's fixed answer. */
export type Expectation = "client_error" | "health_ok" | "ok_or_client_error" | "sign_in_refused_redirect";

export interface FuzzCase {
  route: string;
  request: InvokeOptions;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

/** Values the `Id` schema refuses: empty, wrong characters, too long (DynamoDB keys stop at 2,048 bytes). */
const badIdString = fc.oneof(
  fc.string({ maxLength: 120 }).filter((s) => !ID.test(s) || s.length > 80),
  fc.string({ minLength: 81, maxLength: 6000, unit: fc.constantFrom("a", "b", "-", "1") }),
  fc.constantFrom("", " ", "../etc", "a/b", "%00", "é", "x".repeat(81), "x".repeat(5000), "é".repeat(3000), "%E0%A4%A", "\u0000", "a b"),
);
const notAString = fc.oneof(fc.integer(), fc.constant(null), fc.boolean(), fc.constant([]), fc.constant({}), fc.array(fc.string(), { maxLength: 2 }));
/** for list fields: anything but a list */
const notAList = fc.oneof(fc.integer(), fc.constant(null), fc.boolean(), fc.constant({}), fc.string({ maxLength: 10 }));
const badId = fc.oneof(badIdString, notAString);
/** a well-formed id that matches nothing (a 404, a 403 or a 400 saying it is unknown) */
const unknownId = fc.stringMatching(/^[a-z][a-z0-9-]{3,30}$/).map((s) => `zz-${s}`);
const badOrUnknownId = fc.oneof(badId, unknownId);

const badLocalDate = fc.oneof(
  fc.string({ maxLength: 30 }).filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s)),
  fc.constantFrom("2026-02-30", "2027-02-29", "2026-13-01", "2026-00-10", "2026-12-32", "0000-00-00", "2026-1-1", "2026-12-07T10:00", "x".repeat(5000)),
);
const badLocalDateTime = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom("2026-02-30T10:00", "2026-12-07T24:00", "2026-12-07T10:60", "2026-12-07", "2026-12-07T10:00:00+01:00"),
);
const badLocalTime = fc.oneof(fc.string({ maxLength: 10 }).filter((s) => !/^([01]\d|2[0-3]):[0-5]\d$/.test(s)), fc.constantFrom("24:00", "09:60", "9:00", "09:00:00"));

/** Instants that do not exist or are not instants: refused by the `Instant` schema, whoever books. */
export const badInstant = fc.oneof(
  fc.string({ maxLength: 45 }),
  fc.constantFrom(
    "2026-02-30T10:00:00+01:00",
    "2027-02-29T10:00:00+01:00",
    "2026-04-31T10:00:00Z",
    "2026-12-07T24:00:00+01:00",
    "2026-12-07T10:60:00+01:00",
    "2026-12-07T10:00:60+01:00",
    "2026-12-07T10:00:00+15:00",
    "2026-12-07T10:00:00-14:30",
    "2026-12-07T10:00:00+01:60",
    "2026-13-07T10:00:00+01:00",
    "2026-12-00T10:00:00+01:00",
    "2026-12-07T10:00:00",
    "2026-12-07",
    "2026-12-07T10:00:00+0100",
    "+002026-12-07T10:00:00Z",
    // outside the years an appointment can fall in
    "0001-01-01T00:00:00Z",
    "1970-01-01T00:00:00Z",
    "1999-12-31T23:59:59+01:00",
    "2100-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
  ),
  fc
    .record({ year: fc.integer({ min: 2025, max: 2028 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 29, max: 31 }), hour: fc.integer({ min: 0, max: 23 }) })
    .filter(({ year, month, day }) => new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day)
    .map(({ year, month, day, hour }) => `${year}-${String(month).padStart(2, "0")}-${day}T${String(hour).padStart(2, "0")}:00:00+01:00`),
  notAString,
);
/** Well-formed instants that no slot has: refused by public booking and rescheduling (409 or 422). */
const offGridInstant = fc.oneof(
  fc.date({ min: new Date("2020-01-01"), max: new Date("2030-12-31"), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom("2026-12-07T10:07:00+14:00", "2026-12-07T09:00:00.123456789-12:00", "2099-12-31T23:59:59Z", "2000-01-01T00:00:00Z"),
);

const badName = fc.oneof(fc.constantFrom("", "   ", "x".repeat(101), "x".repeat(5000)), notAString);
/** names of places and motifs: up to 150 characters */
const badLabel = fc.oneof(fc.constantFrom("", "   ", "x".repeat(151), "x".repeat(5000)), notAString);
// not "": an agent may send an empty phone for "no phone"
const badPhone = fc.oneof(fc.constantFrom("x".repeat(31), "abc", "06", "0", "+", "x".repeat(5000)), fc.integer(), fc.constant(null));
const badEmail = fc.oneof(fc.constantFrom("", "not-an-email", "a@", `${"x".repeat(300)}@example.org`), notAString);
const badBool = fc.oneof(fc.constantFrom("true", "yes", 1, 0, null));
const badInt = fc.oneof(fc.constantFrom("10", -1, 0.5, 1e12, Number.NaN, null), fc.string({ maxLength: 5 }));
/** query numbers refused by every count of the API (1–365 days, 1–500 messages): whatever `Number()` makes of them is out of 1–500 */
const badQueryNumber = fc
  .oneof(fc.constantFrom("", "0", "-1", "abc", "1e400", "99999999999", "1.5", "501"), fc.string({ maxLength: 8 }))
  .filter((s) => {
    const n = Number(s);
    return !(Number.isInteger(n) && n >= 1 && n <= 500);
  });
const badMonth = fc.oneof(fc.string({ maxLength: 10 }).filter((s) => !/^\d{4}-\d{2}$/.test(s)), fc.constantFrom("x".repeat(5000), "2026-1", "2026-13", "2026-00", "0000-00"));
const badKey = fc.oneof(fc.constant(undefined), fc.constantFrom("", "short", "x".repeat(129), "a b c d e f", "é".repeat(10)));
const badCommune = fc.oneof(fc.string({ maxLength: 20 }).filter((s) => !/^(\d{5}|2[AB]\d{3})$/.test(s)), fc.constant("x".repeat(5000)));
const anyJson = fc.jsonValue({ maxDepth: 3 });
const malformedJsonText = fc.oneof(fc.string({ maxLength: 300 }).map((s) => `{${s}`), fc.constantFrom("", "{", "[1,", "nul", "\"unterminated", "{\"a\":}"));
const badToken = fc.oneof(
  fc.string({ maxLength: 100 }).filter((s) => !ManageToken.looksValid(s)),
  fc.constantFrom("", "x".repeat(5000), "%E0%A4%A", "a".repeat(23), "a".repeat(25), "a/b/c/d/e/f/g/h/i/j/k/l/m/n"),
);
const unknownToken = fc.stringMatching(/^[A-Za-z0-9_-]{24}$/);

/** A session cookie that opens nothing: absent, malformed (percent-escapes that do not decode), unknown, oversized. */
const badSessionCookies: fc.Arbitrary<string[]> = fc.oneof(
  fc.constant([] as string[]),
  fc.constantFrom<string[]>(["rdv_session=%E0%A4%A"], ["rdv_session=%"], ["rdv_session="], ["rdv_session"], [`rdv_session=${"x".repeat(5000)}`], ["=x"], ["rdv_csrf=abc"]),
  fc.stringMatching(/^[A-Za-z0-9_-]{43}$/).map((token) => [`rdv_session=${token}`]),
  fc.string({ maxLength: 80 }).map((value) => [`rdv_session=${value}`]),
);

/**
 * An object built from a valid one with a non-empty set of its fields spoilt: each chosen field
 * gets a value from its own pool of refused values, or disappears when it is required.
 */
function spoilt(valid: Record<string, unknown>, bad: Record<string, fc.Arbitrary<unknown>>, required: string[] = Object.keys(bad)) {
  const names = Object.keys(bad);
  const spoiler = fc.record(
    Object.fromEntries(
      names.map((name) => [name, fc.oneof({ weight: 3, arbitrary: bad[name]!.map((v) => ({ v })) }, ...(required.includes(name) ? [{ weight: 1, arbitrary: fc.constant({ v: REMOVED }) }] : []))]),
    ),
  );
  return fc.tuple(fc.subarray(names, { minLength: 1 }), spoiler).map(([chosen, values]) => {
    const out: Record<string, unknown> = { ...valid };
    for (const name of chosen) {
      const { v } = (values as Record<string, { v: unknown }>)[name]!;
      if (v === REMOVED) delete out[name];
      else out[name] = v;
    }
    return out;
  });
}
const REMOVED = Symbol("removed");

/** Query strings: every value is a string (API Gateway decodes them); spoilt ones drop out or take a refused string. */
function spoiltQuery(valid: Record<string, string>, bad: Record<string, fc.Arbitrary<unknown>>, required?: string[]) {
  return spoilt(valid, bad, required).map((query) =>
    Object.fromEntries(Object.entries(query).flatMap(([k, v]) => (v === undefined ? [] : [[k, typeof v === "string" ? v : JSON.stringify(v)]]))),
  );
}

/** Body: a spoilt valid body, any JSON value, or text that is not JSON. */
function badBody(spoilt: fc.Arbitrary<unknown>) {
  return fc.oneof({ weight: 6, arbitrary: spoilt }, { weight: 1, arbitrary: anyJson }, { weight: 1, arbitrary: malformedJsonText });
}

/** Extra noise that must change nothing: unknown query parameters and headers. */
const noise = fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !/^(organisation|motif|place|from|to|q|commune|limit|cursor|days|format|agents)$/.test(k)), fc.string({ maxLength: 30 }), { maxKeys: 2 });

export interface RouteFuzz {
  expect: Expectation;
  cases: fc.Arbitrary<InvokeOptions>;
}

/**
 * One generator per route of routes.ts, keyed by `METHOD path`. Agent routes get the admin's
 * session and CSRF token, except in the cases that spoil the session (a 401) or drop the CSRF
 * token of a state change (a 403).
 */
export function routeFuzzers(fixture: FuzzFixture): Record<string, RouteFuzz> {
  const id = (name: string) => `${fixture.prefix}-${name}`;
  const org = id("mds-arras");
  const validToken = ManageToken.derive(`${id("rdv-1")}.${id("usager-1")}`, 1);

  const publicRoute = (cases: fc.Arbitrary<InvokeOptions>): RouteFuzz => ({ expect: "client_error", cases });
  /** an agent route: the request with the admin's session, or the same with the session spoilt */
  const agent = (method: "GET" | "POST" | "DELETE", cases: fc.Arbitrary<InvokeOptions>, options: { spoiltSessionOnly?: boolean } = {}): RouteFuzz => {
    const withSession = cases.map((request) => ({
      ...request,
      method,
      cookies: fixture.admin.cookies,
      headers: { ...(request.headers ?? {}), ...(method === "GET" ? {} : { "x-csrf-token": fixture.admin.csrf }) },
    }));
    const noSession = fc.tuple(cases, badSessionCookies).map(([request, cookies]) => ({ ...request, method, cookies, headers: { ...(request.headers ?? {}), "x-csrf-token": fixture.admin.csrf } }));
    if (options.spoiltSessionOnly) return { expect: "client_error", cases: noSession };
    const arms: fc.Arbitrary<InvokeOptions>[] = [withSession, noSession];
    // a state change without the session's CSRF token: 403, whatever the body
    if (method !== "GET") {
      arms.push(
        fc.tuple(cases, fc.constantFrom(undefined, "", "x", fixture.admin.csrf.slice(1))).map(([request, csrf]) => ({
          ...request,
          method,
          cookies: fixture.admin.cookies,
          headers: { ...(request.headers ?? {}), ...(csrf === undefined ? {} : { "x-csrf-token": csrf }) },
        })),
      );
    }
    return { expect: "client_error", cases: fc.oneof({ weight: 4, arbitrary: arms[0]! }, ...arms.slice(1).map((arbitrary) => ({ weight: 1, arbitrary }))) };
  };
  /** an integration API route: the request with the organisation's API key, or with a spoilt one (401) */
  const integration = (method: "GET" | "POST" | "PUT", cases: fc.Arbitrary<InvokeOptions>, expect: Expectation = "client_error"): RouteFuzz => {
    const spoiltKey = fc.oneof(
      fc.constant(undefined),
      fc.constantFrom("", "Bearer", "Bearer rdv_", `Bearer rdv_k0123456789abcdef_${"A".repeat(43)}`, fixture.apiKey ? `Basic ${fixture.apiKey}` : "Basic x"),
      fc.string({ maxLength: 120 }).map((k) => `Bearer ${k}`),
    );
    const withKey = (key: fc.Arbitrary<string | undefined>) =>
      fc.tuple(cases, key).map(([request, authorization]) => ({ ...request, method, headers: { ...(request.headers ?? {}), ...(authorization === undefined ? {} : { authorization }) } }));
    const arms = [withKey(spoiltKey)];
    if (fixture.apiKey) arms.unshift(withKey(fc.constant(`Bearer ${fixture.apiKey}`)));
    return { expect, cases: fc.oneof({ weight: 4, arbitrary: arms[0]! }, ...arms.slice(1).map((arbitrary) => ({ weight: 1, arbitrary }))) };
  };
  const query = (q: fc.Arbitrary<Record<string, string>>) => fc.tuple(q, noise).map(([values, extra]) => ({ query: { ...extra, ...values } }));
  const body = (b: fc.Arbitrary<unknown>, extra: Partial<InvokeOptions> = {}) => b.map((value) => ({ ...extra, body: value }));

  const range = { from: "2026-12-07", to: "2026-12-13" };
  const rangeBad = { from: badLocalDate, to: badLocalDate };
  // inverted, or longer than the route allows
  const longOrInverted = fc.tuple(fc.integer({ min: 1, max: 3000 }), fc.boolean()).map(([days, inverted]) => {
    const other = new Date(Date.parse("2026-12-07T00:00:00Z") + (inverted ? -days : days + 400) * 86_400_000).toISOString().slice(0, 10);
    return { from: "2026-12-07", to: other };
  });
  const slotQuery = fc.oneof(
    spoiltQuery({ motif: id("consult"), place: id("place-arras"), ...range }, { motif: badOrUnknownId, place: badOrUnknownId, ...rangeBad }),
    longOrInverted.map((r) => ({ motif: id("consult"), place: id("place-arras"), ...r })),
  );

  const serviceUser = { firstName: "Camille", lastName: "Durand", phone: "0612345678" };
  const bookBody = { motifId: id("consult"), placeId: id("place-arras"), startsAt: "2026-12-07T10:00:00+01:00", serviceUser };
  const badServiceUser = fc.oneof(
    spoilt(serviceUser, { firstName: badName, lastName: badName, phone: badPhone, email: badEmail, birthDate: badLocalDate, address: fc.constantFrom("", "x".repeat(301)) }, ["firstName", "lastName", "phone"]),
    notAString,
    fc.string({ maxLength: 20 }),
  );
  // the waitlist keeps names and phone only (other fields are ignored): spoil those
  const badWaitlistUser = fc.oneof(spoilt(serviceUser, { firstName: badName, lastName: badName, phone: badPhone }), notAString, fc.string({ maxLength: 20 }));
  const idempotency = (key: fc.Arbitrary<string | undefined>) => key.map((k): Record<string, string> => (k === undefined ? {} : { "idempotency-key": k }));
  const goodKey = fc.uuid();
  /** public booking: a spoilt body with any key, or a valid body with a refused key */
  const publicBook = fc.oneof(
    fc.tuple(
      badBody(spoilt(bookBody, { motifId: badOrUnknownId, placeId: badOrUnknownId, startsAt: fc.oneof(badInstant, offGridInstant), serviceUser: badServiceUser, relative: fc.oneof(notAString, fc.record({ firstName: badName, lastName: badName })) }, ["motifId", "placeId", "startsAt", "serviceUser"])),
      idempotency(fc.oneof(goodKey, badKey)),
    ).map(([b, headers]) => ({ method: "POST", body: b, headers })),
    fc.tuple(idempotency(badKey), fc.constant(bookBody)).map(([headers, b]) => ({ method: "POST", body: b, headers })),
  );
  const agentBookBody = { motifId: id("consult"), placeId: id("place-arras"), startsAt: "2026-12-08T15:00:00+01:00", serviceUserId: id("usager-1"), acknowledgeWarnings: true };
  const agentBook = fc.oneof(
    fc.tuple(
      badBody(spoilt(agentBookBody, { motifId: badOrUnknownId, placeId: badOrUnknownId, startsAt: badInstant, serviceUserId: badOrUnknownId, serviceUser: badServiceUser, agentIds: fc.oneof(notAList, fc.array(badOrUnknownId, { minLength: 1, maxLength: 3 })) }, ["motifId", "placeId", "startsAt"])),
      idempotency(fc.oneof(goodKey, badKey)),
    ).map(([b, headers]) => ({ body: b, headers })),
    fc.tuple(idempotency(badKey), fc.constant(agentBookBody)).map(([headers, b]) => ({ body: b, headers })),
  );
  const sessionBody = { motifId: id("atelier"), placeId: id("place-arras"), startsAt: "2026-12-09T14:00:00+01:00", agentIds: [id("alice")], capacity: 4 };
  const place = { id: id("place-arras"), organisationId: org, name: "MDS d'Arras", address: "1 rue de la Paix, 62000 Arras" };
  const motif = { id: id("consult"), serviceId: id("pmi"), organisationId: org, name: "Consultation", durationMinutes: 30, locationType: "on_site" };
  const rule = { id: id("rule-alice"), agentId: id("alice"), placeId: id("place-arras"), motifIds: [id("consult")], firstDay: "2026-12-07", start: "09:00", end: "12:00", recurrence: { everyWeeks: 1, weekdays: ["mon"] } };
  const absence = { id: id("abs-alice"), agentId: id("alice"), start: "2026-12-14T10:00", end: "2026-12-14T11:00" };
  const badRecurrence = fc.oneof(
    fc.constantFrom(0, true, "weekly", [], ["mon"]),
    fc.record({ everyWeeks: badInt, weekdays: fc.oneof(fc.constant([]), fc.constant(["lun"]), notAList) }),
    fc.record({ everyMonths: fc.oneof(badInt, fc.constant(13)), ordinal: fc.constantFrom(0, 6, "first", null), weekday: fc.constantFrom("lun", "", 1) }),
  );
  const badExceptions = fc.oneof(notAList, fc.constant([{ day: "2026-02-30", cancelled: true }]), fc.constant([{ day: "2026-12-07", moved: { day: "2026-12-08", start: "10:00", end: "09:00" } }]));

  const fuzzers: Record<string, RouteFuzz> = {
    "GET /v1/health": { expect: "health_ok", cases: fc.tuple(noise, fc.dictionary(fc.constantFrom("x-a", "accept", "authorization"), fc.string({ maxLength: 50 }))).map(([q, headers]) => ({ query: q, headers })) },
    "GET /v1/public/communes": publicRoute(
      fc.oneof(fc.string({ minLength: 101, maxLength: 6000, unit: "binary" }), fc.string({ minLength: 101, maxLength: 200 })).map((q) => ({ query: { q } })),
    ),
    "GET /v1/public/motifs": publicRoute(query(spoiltQuery({ commune: "62041" }, { commune: badCommune }))),
    "GET /v1/public/places": publicRoute(query(spoiltQuery({ motif: id("consult"), commune: "62041" }, { motif: badOrUnknownId, commune: badCommune }))),
    "GET /v1/public/slots": publicRoute(query(slotQuery)),
    "GET /v1/public/sessions": publicRoute(query(slotQuery)),
    "POST /v1/public/appointments": publicRoute(publicBook),
    "GET /v1/public/appointments/{manageToken}": publicRoute(fc.oneof(badToken, unknownToken).map((manageToken) => ({ params: { manageToken } }))),
    "POST /v1/public/appointments/{manageToken}/cancel": publicRoute(fc.oneof(badToken, unknownToken).map((manageToken) => ({ method: "POST", params: { manageToken } }))),
    "POST /v1/public/appointments/{manageToken}/reschedule": publicRoute(
      fc.oneof(
        fc.tuple(fc.oneof(badToken, unknownToken), fc.oneof(anyJson, fc.record({ startsAt: fc.oneof(badInstant, offGridInstant) }))).map(([manageToken, b]) => ({ params: { manageToken }, body: b })),
        // the real link: the body must be refused
        badBody(fc.record({ startsAt: fc.oneof(badInstant, offGridInstant) }, { requiredKeys: [] })).map((b) => ({ params: { manageToken: validToken }, body: b })),
      ).map((request) => ({ ...request, method: "POST" })),
    ),
    // the waitlist: a spoilt sign-up, unknown or malformed links (the real appointment link only with a refused date: a valid body would join)
    "POST /v1/public/waitlist": publicRoute(
      badBody(
        spoilt(
          { motifId: id("consult"), placeId: id("place-arras"), commune: "62041", serviceUser },
          { motifId: badOrUnknownId, placeId: badOrUnknownId, commune: badCommune, latestDate: fc.oneof(badLocalDate, fc.constant("2026-11-30")), serviceUser: badWaitlistUser },
          ["motifId", "commune", "serviceUser"],
        ),
      ).map((b) => ({ method: "POST", body: b })),
    ),
    "GET /v1/public/waitlist/{manageToken}": publicRoute(fc.oneof(badToken, unknownToken).map((manageToken) => ({ params: { manageToken } }))),
    "POST /v1/public/waitlist/{manageToken}/leave": publicRoute(fc.oneof(badToken, unknownToken).map((manageToken) => ({ method: "POST", params: { manageToken } }))),
    "GET /v1/public/appointments/{manageToken}/waitlist": publicRoute(fc.oneof(badToken, unknownToken).map((manageToken) => ({ params: { manageToken } }))),
    "POST /v1/public/appointments/{manageToken}/waitlist": publicRoute(
      fc.oneof(
        fc.tuple(fc.oneof(badToken, unknownToken), fc.oneof(anyJson, fc.record({ latestDate: badLocalDate }))).map(([manageToken, b]) => ({ params: { manageToken }, body: b })),
        fc.record({ latestDate: fc.oneof(badLocalDate, fc.constant("2026-11-30")) }).map((b) => ({ params: { manageToken: validToken }, body: b })),
      ).map((request) => ({ ...request, method: "POST" })),
    ),
    "POST /v1/public/appointments/{manageToken}/waitlist/leave": publicRoute(fc.oneof(badToken, unknownToken).map((manageToken) => ({ method: "POST", params: { manageToken } }))),
    "GET /v1/public/offers/{offerToken}": publicRoute(fc.oneof(badToken, unknownToken).map((offerToken) => ({ params: { offerToken } }))),
    "GET /v1/public/invitations/{invitationToken}": publicRoute(fc.oneof(badToken, unknownToken).map((invitationToken) => ({ params: { invitationToken } }))),
    "GET /v1/public/invitations/{invitationToken}/slots": publicRoute(
      fc.tuple(fc.oneof(badToken, unknownToken), slotQuery).map(([invitationToken, q]) => ({ params: { invitationToken }, query: q as Record<string, string> })),
    ),
    "POST /v1/public/invitations/{invitationToken}/book": publicRoute(
      fc.tuple(fc.oneof(badToken, unknownToken), badBody(spoilt({ motifId: id("consult"), placeId: id("place-arras"), startsAt: "2026-12-07T10:00:00+01:00" }, { motifId: badOrUnknownId, placeId: badOrUnknownId, startsAt: fc.constantFrom("", "demain", "2026-02-30T10:00:00+01:00") }))).map(
        ([invitationToken, b]) => ({ method: "POST", params: { invitationToken }, body: b }),
      ),
    ),
    "POST /v1/public/offers/{offerToken}/accept": publicRoute(fc.oneof(badToken, unknownToken).map((offerToken) => ({ method: "POST", params: { offerToken } }))),
    // every address that opens no feed is the same 404
    "GET /v1/public/calendar-feeds/{token}": publicRoute(fc.oneof(badToken, fc.stringMatching(/^[A-Za-z0-9_-]{43}$/)).map((token) => ({ params: { token } }))),
    "GET /v1/dev/outbox": publicRoute(badQueryNumber.map((limit) => ({ query: { limit } }))),
    "POST /v1/agent/auth/sign-in": publicRoute(
      badBody(spoilt({ email: `${fixture.prefix}.bruno@demo.rdv.local`, password: "mot-de-passe-faux-2026" }, { email: badEmail, password: fc.oneof(fc.constantFrom("", "x".repeat(201), "x".repeat(5000)), notAString) })).map((b) => ({ method: "POST", body: b })),
    ),
    "POST /v1/agent/auth/invitation": publicRoute(
      badBody(spoilt({ token: "x".repeat(43), password: "mot-de-passe-solide-2026" }, { token: fc.oneof(badToken, fc.stringMatching(/^[A-Za-z0-9_-]{43}$/)), password: fc.oneof(fc.constantFrom("", "court", "x".repeat(201)), notAString) }, ["token"]))
        .map((b) => ({ method: "POST", body: b })),
    ),
    "GET /v1/agent/auth/invitation/{token}": publicRoute(fc.oneof(badToken, fc.stringMatching(/^[A-Za-z0-9_-]{43}$/)).map((token) => ({ params: { token } }))),
    // the answer to a well-formed request is always 202: only malformed addresses are generated
    "POST /v1/agent/auth/password-reset": publicRoute(badBody(spoilt({ email: `${fixture.prefix}.bruno@demo.rdv.local` }, { email: badEmail })).map((b) => ({ method: "POST", body: b }))),
    "GET /v1/agent/auth/password-reset/{token}": publicRoute(fc.oneof(badToken, fc.stringMatching(/^[A-Za-z0-9_-]{43}$/)).map((token) => ({ params: { token } }))),
    "POST /v1/agent/auth/password-reset/confirm": publicRoute(
      badBody(spoilt({ token: "x".repeat(43), password: "mot-de-passe-solide-2026" }, { token: fc.oneof(badToken, fc.stringMatching(/^[A-Za-z0-9_-]{43}$/)), password: fc.oneof(fc.constantFrom("", "court", "x".repeat(201)), notAString) }, ["token"]))
        .map((b) => ({ method: "POST", body: b })),
    ),
    // whether password and ProConnect sign-in are open: the same 200 whatever is sent
    "GET /v1/agent/auth/methods": { expect: "ok_or_client_error", cases: noise.map((q) => ({ query: q })) },
    // browser navigations: a refusal is a redirection to the site's explanation page, never a session
    "GET /v1/agent/auth/oidc/start": {
      expect: "sign_in_refused_redirect",
      cases: fc.record({ suite: fc.oneof(fc.string({ maxLength: 400 }), fc.constantFrom("//evil.example", "/agent", "https://evil.example/agent")) }).map((query) => ({ query })),
    },
    "GET /v1/agent/auth/oidc/callback": {
      expect: "sign_in_refused_redirect",
      cases: fc
        .tuple(fc.dictionary(fc.constantFrom("code", "state", "error", "iss", "x"), fc.string({ maxLength: 200 }), { maxKeys: 4 }), fc.oneof(badSessionCookies, fc.string({ maxLength: 200 }).map((v) => [`rdv_oidc=${v}`])))
        .map(([query, cookies]) => ({ query, cookies })),
    },
    // signing out with a session that opens nothing ends nothing: 200, or a 4xx if the route asks for more
    "POST /v1/agent/auth/sign-out": {
      expect: "ok_or_client_error",
      cases: fc.tuple(badSessionCookies, anyJson).map(([cookies, b]) => ({ method: "POST", cookies, body: b })),
    },
    // no input but the session: only spoilt sessions
    "GET /v1/agent/me": agent("GET", noise.map((q) => ({ query: q })), { spoiltSessionOnly: true }),
    "GET /v1/agent/me/notifications": agent("GET", noise.map((q) => ({ query: q })), { spoiltSessionOnly: true }),
    "POST /v1/agent/me/notifications": agent("POST", body(badBody(spoilt({ changes: "all" }, { changes: fc.oneof(fc.constantFrom("ALL", "toutes", ""), notAString) })))),
    // the agent's calendar feed: no input but the session
    "GET /v1/agent/calendar-feed": agent("GET", noise.map((q) => ({ query: q })), { spoiltSessionOnly: true }),
    "POST /v1/agent/calendar-feed": agent("POST", noise.map((q) => ({ query: q })), { spoiltSessionOnly: true }),
    "DELETE /v1/agent/calendar-feed": agent("DELETE", noise.map((q) => ({ query: q })), { spoiltSessionOnly: true }),
    "POST /v1/agent/me/organisation": agent("POST", body(badBody(fc.record({ organisationId: badOrUnknownId }, { requiredKeys: [] })))),
    "POST /v1/agent/invitations": agent(
      "POST",
      body(badBody(spoilt({ email: `${fixture.prefix}.new@demo.rdv.local`, firstName: "Nina", lastName: "Nouvelle", organisationId: org, serviceIds: [id("pmi")], role: "agent" }, { email: badEmail, firstName: badName, lastName: badName, organisationId: badOrUnknownId, serviceIds: fc.oneof(notAList, fc.constant([""]), fc.constant(["x".repeat(81)]), fc.constant(["x".repeat(5000)])), role: fc.oneof(fc.constantFrom("root", "ADMIN", ""), notAString) }))),
    ),
    // only an organisation the admin does not administer or a malformed one: without it, the admin's own organisation is a 200
    "GET /v1/agent/team": agent("GET", query(badOrUnknownId.map((v) => ({ organisation: typeof v === "string" ? v : JSON.stringify(v) })))),
    "POST /v1/agent/team/invitations/{invitationId}/resend": agent(
      "POST",
      fc.oneof(
        badOrUnknownId.map((v) => ({ params: { invitationId: String(v) }, body: { organisationId: org } })),
        badBody(spoilt({ organisationId: org }, { organisationId: badOrUnknownId })).map((b) => ({ params: { invitationId: "zz-invitation" }, body: b })),
      ),
    ),
    ...Object.fromEntries(
      (["", "/remove", "/deactivate", "/reactivate"] as const).map((action) => [
        `POST /v1/agent/team/{agentId}${action}`,
        agent(
          "POST",
          fc.oneof(
            badOrUnknownId.map((v) => ({ params: { agentId: String(v) }, body: { organisationId: org, role: "agent", serviceIds: [id("pmi")] } })),
            badBody(
              action === ""
                ? spoilt({ organisationId: org, role: "agent", serviceIds: [id("pmi")] }, { organisationId: badOrUnknownId, role: fc.oneof(fc.constantFrom("root", "ADMIN", ""), notAString), serviceIds: fc.oneof(notAList, fc.constant([""]), fc.constant(["zz-inconnu"]), fc.constant(["x".repeat(5000)])) })
                : spoilt({ organisationId: org }, { organisationId: badOrUnknownId }),
            ).map((b) => ({ params: { agentId: id("alice") }, body: b })),
          ),
        ),
      ]),
    ),
    "GET /v1/agent/agenda": agent("GET", query(fc.oneof(spoiltQuery({ organisation: org, ...range }, { organisation: badOrUnknownId, ...rangeBad, agents: fc.constantFrom("x".repeat(5000), "a/b", "é", "a,%00") }, ["organisation", "from", "to"]), longOrInverted.map((r) => ({ organisation: org, ...r }))))),
    "GET /v1/agent/slots": agent("GET", query(slotQuery)),
    "GET /v1/agent/availability": agent(
      "GET",
      query(spoiltQuery({ organisation: org, motif: id("consult"), place: id("place-arras"), agent: id("alice"), from: "2026-12-07", days: "14" }, { organisation: badOrUnknownId, motif: badOrUnknownId, place: badOrUnknownId, agent: badOrUnknownId, from: badLocalDate, days: badQueryNumber }, ["organisation", "motif", "from"])),
    ),
    "POST /v1/agent/appointments": agent("POST", agentBook),
    "GET /v1/agent/appointments/to-mark": agent("GET", query(spoiltQuery({ organisation: org, days: "30" }, { organisation: badOrUnknownId, days: badQueryNumber }, ["organisation"]))),
    "GET /v1/agent/appointments/{id}": agent("GET", badOrUnknownId.map((v) => ({ params: { id: typeof v === "string" ? v : JSON.stringify(v) } }))),
    "POST /v1/agent/appointments/{id}/status": agent(
      "POST",
      fc.oneof(
        fc.tuple(badOrUnknownId, fc.constantFrom("seen", "noshow")).map(([v, status]) => ({ params: { id: String(v) }, body: { status } })),
        badBody(spoilt({ status: "seen" }, { status: fc.oneof(fc.constantFrom("SEEN", "lapin", ""), notAString) })).map((b) => ({ params: { id: id("rdv-1") }, body: b })),
      ),
    ),
    "POST /v1/agent/appointments/{id}/arrival": agent(
      "POST",
      fc.oneof(
        badOrUnknownId.map((v) => ({ params: { id: String(v) }, body: { arrived: true } })),
        badBody(spoilt({ arrived: true }, { arrived: fc.oneof(badBool, notAString) })).map((b) => ({ params: { id: id("rdv-1") }, body: b })),
      ),
    ),
    "POST /v1/agent/appointments/{id}/revoke": agent("POST", badOrUnknownId.map((v) => ({ params: { id: String(v) } }))),
    "POST /v1/agent/appointments/{id}/move": agent(
      "POST",
      fc.oneof(
        fc.tuple(badOrUnknownId, fc.constant({ startsAt: "2026-12-07T10:00:00+01:00" })).map(([v, b]) => ({ params: { id: String(v) }, body: b })),
        badBody(spoilt({ startsAt: "2026-12-07T10:00:00+01:00" }, { startsAt: badInstant })).map((b) => ({ params: { id: id("rdv-1") }, body: b })),
      ),
    ),
    "POST /v1/agent/appointments/{id}/waitlist": agent(
      "POST",
      fc.oneof(
        badOrUnknownId.map((v) => ({ params: { id: String(v) }, body: {} })),
        fc.record({ latestDate: fc.oneof(badLocalDate, fc.constant("2026-11-30")) }).map((b) => ({ params: { id: id("rdv-1") }, body: b })),
      ),
    ),
    "POST /v1/agent/sessions": agent(
      "POST",
      body(badBody(spoilt(sessionBody, { motifId: badOrUnknownId, placeId: badOrUnknownId, startsAt: badInstant, agentIds: fc.oneof(notAList, fc.constant([]), fc.array(badIdString, { minLength: 1, maxLength: 2 })), capacity: fc.oneof(badInt, fc.constantFrom(1, 501)) }, ["motifId", "placeId", "startsAt", "agentIds"]))),
    ),
    "GET /v1/agent/service-users": agent("GET", query(spoiltQuery({ organisation: org, q: "dubois" }, { organisation: badOrUnknownId, q: fc.constantFrom("", "a", "x".repeat(101), "x".repeat(5000)) }))),
    "POST /v1/agent/service-users": agent(
      "POST",
      body(badBody(spoilt({ organisationId: org, firstName: "Sans", lastName: "Portable" }, { organisationId: badOrUnknownId, firstName: badName, lastName: badName, phone: badPhone, email: badEmail, birthDate: badLocalDate, smsOptOut: badBool }, ["organisationId", "firstName", "lastName"]))),
    ),
    "GET /v1/agent/stats": agent(
      "GET",
      query(
        fc.oneof(
          spoiltQuery({ organisation: org, from: "2026-01", to: "2026-12" }, { organisation: badOrUnknownId, from: badMonth, to: badMonth }),
          // inverted: a key range DynamoDB refuses
          fc.tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 300 })).map(([year, month, back]) => {
            const to = new Date(Date.UTC(year, month - 1 - back, 1)).toISOString().slice(0, 7);
            return { organisation: org, from: `${year}-${String(month).padStart(2, "0")}`, to };
          }),
        ),
      ),
    ),
    "GET /v1/agent/stats/reminder-trial": agent("GET", query(spoiltQuery({ organisation: org }, { organisation: badOrUnknownId }))),
    "GET /v1/agent/stats/export": agent(
      "GET",
      query(
        fc.oneof(
          spoiltQuery({ organisation: org, from: "2026-01", to: "2026-12" }, { organisation: badOrUnknownId, from: badMonth, to: badMonth }),
          // inverted: a key range DynamoDB refuses
          fc.tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 300 })).map(([year, month, back]) => {
            const to = new Date(Date.UTC(year, month - 1 - back, 1)).toISOString().slice(0, 7);
            return { organisation: org, from: `${year}-${String(month).padStart(2, "0")}`, to };
          }),
        ),
      ),
    ),
    // only an organisation the agent cannot see or a malformed one: without it, the list of the agent's own organisation is a 200
    "GET /v1/agent/call-list": agent("GET", query(badOrUnknownId.map((v) => ({ organisation: typeof v === "string" ? v : JSON.stringify(v) })))),
    "POST /v1/agent/call-list/{appointmentId}": agent(
      "POST",
      fc.oneof(
        fc.tuple(badOrUnknownId, fc.constantFrom("confirmed", "unreachable", "cancelled")).map(([v, outcome]) => ({ params: { appointmentId: String(v) }, body: { outcome } })),
        badBody(spoilt({ outcome: "confirmed" }, { outcome: fc.oneof(fc.constantFrom("CONFIRMED", "appelé", "", "noshow"), notAString) })).map((b) => ({ params: { appointmentId: id("rdv-1") }, body: b })),
      ),
    ),
    "GET /v1/agent/exports/appointments": agent(
      "GET",
      query(fc.oneof(spoiltQuery({ organisation: org, ...range, format: "csv" }, { organisation: badOrUnknownId, ...rangeBad, format: fc.constantFrom("pdf", "", "CSV", "x".repeat(5000)) }), longOrInverted.map((r) => ({ organisation: org, format: "csv", ...r })))),
    ),
    "GET /v1/agent/configuration": agent("GET", query(spoiltQuery({ organisation: org }, { organisation: badOrUnknownId }))),
    "GET /v1/agent/configuration/changes": agent(
      "GET",
      query(spoiltQuery({ organisation: org }, { organisation: badOrUnknownId, limit: fc.constantFrom("0", "101", "abc", "-1", "1.5"), cursor: fc.oneof(fc.constantFrom("pas-un-curseur", "x".repeat(2001)), fc.string({ minLength: 1, maxLength: 40 })) }, ["organisation"])),
    ),
    "POST /v1/agent/configuration/places": agent(
      "POST",
      body(badBody(spoilt(place, { id: badId, organisationId: badOrUnknownId, name: badLabel, address: fc.constantFrom("", "x".repeat(301)), phone: badPhone }, ["organisationId", "name", "address"]))),
    ),
    "POST /v1/agent/configuration/motifs": agent(
      "POST",
      body(badBody(spoilt(motif, { id: badId, serviceId: badOrUnknownId, organisationId: badOrUnknownId, name: badLabel, durationMinutes: fc.oneof(badInt, fc.constantFrom(7, 0, 485)), locationType: fc.constantFrom("onsite", "", null), online: badBool, collective: badBool }, ["serviceId", "organisationId", "name", "durationMinutes", "locationType"]))),
    ),
    "POST /v1/agent/configuration/opening-rules": agent(
      "POST",
      body(badBody(spoilt(rule, { id: badId, agentId: badOrUnknownId, placeId: badOrUnknownId, motifIds: fc.oneof(notAList, fc.constant([]), fc.array(badOrUnknownId, { minLength: 1, maxLength: 2 })), firstDay: badLocalDate, until: badLocalDate, start: badLocalTime, end: badLocalTime, recurrence: badRecurrence, exceptions: badExceptions }, ["agentId", "placeId", "motifIds", "firstDay", "start", "end"]))),
    ),
    "POST /v1/agent/configuration/opening-rules/occurrence": agent(
      "POST",
      body(badBody(spoilt({ ruleId: id("rule-alice"), exception: { day: "2026-12-17", cancelled: true } }, { ruleId: badOrUnknownId, exception: fc.oneof(notAString, fc.constant({ day: "2026-02-30", cancelled: true }), fc.constant({ day: "2026-12-17", cancelled: false }), fc.record({ day: badLocalDate, moved: fc.record({ day: badLocalDate, start: badLocalTime, end: badLocalTime }) })) }))),
    ),
    "DELETE /v1/agent/configuration/opening-rules/{ruleId}": agent("DELETE", badOrUnknownId.map((v) => ({ params: { ruleId: String(v) } }))),
    "POST /v1/agent/configuration/absences": agent(
      "POST",
      body(badBody(spoilt(absence, { id: badId, agentId: badOrUnknownId, title: fc.constantFrom("x".repeat(151)), start: badLocalDateTime, end: badLocalDateTime, recurrence: badRecurrence, until: badLocalDate, exceptions: badExceptions }, ["agentId", "start", "end"]))),
    ),
    "POST /v1/agent/configuration/absences/delete": agent(
      "POST",
      body(badBody(spoilt({ agentId: id("alice"), absenceId: id("abs-alice") }, { agentId: fc.oneof(badId, unknownId), absenceId: badId }))),
    ),
    "POST /v1/agent/configuration/absences/occurrence": agent(
      "POST",
      body(badBody(spoilt({ agentId: id("alice"), absenceId: id("abs-alice"), exception: { day: "2026-12-14", cancelled: true } }, { agentId: fc.oneof(badId, unknownId), absenceId: badOrUnknownId, exception: fc.oneof(notAString, fc.constant({ day: "2026-12-15", cancelled: true }), fc.constant({ day: "2026-02-30", cancelled: true }), fc.record({ day: badLocalDate, moved: fc.record({ day: badLocalDate, start: badLocalTime, end: badLocalTime }) })) }))),
    ),
    "POST /v1/agent/service-users/merge": agent(
      "POST",
      body(badBody(spoilt({ organisationId: org, keepId: id("usager-1"), mergeId: id("usager-x") }, { organisationId: badOrUnknownId, keepId: badOrUnknownId, mergeId: badId }))),
    ),
    "POST /v1/agent/webhooks": agent(
      "POST",
      body(
        badBody(
          spoilt(
            { organisationId: org, url: "https://hooks.example.org/rdv", events: ["appointment.created"] },
            { organisationId: badOrUnknownId, url: fc.constantFrom("", "pas une adresse", "ftp://example.org/", "http://10.0.0.1/", "https://127.0.0.1/", "https://[::1]/", "x".repeat(2001), 42), events: fc.constantFrom([], ["appointment.deleted"], "appointment.created", null, ["appointment.created", "appointment.created"]) },
          ),
        ),
      ),
    ),
    "GET /v1/agent/webhooks": agent("GET", query(spoiltQuery({ organisationId: org }, { organisationId: badOrUnknownId }))),
    "POST /v1/agent/webhooks/{id}/rotate": agent("POST", badOrUnknownId.map((v) => ({ params: { id: String(v) } }))),
    "POST /v1/agent/webhooks/{id}/deliveries/{deliveryId}/resend": agent(
      "POST",
      fc.tuple(badOrUnknownId, badOrUnknownId).map(([a, b]) => ({ params: { id: String(a), deliveryId: String(b) } })),
    ),
    "DELETE /v1/agent/webhooks/{id}": agent("DELETE", badOrUnknownId.map((v) => ({ params: { id: String(v) } }))),
    "POST /v1/agent/api-keys": agent(
      "POST",
      body(badBody(spoilt({ name: "Logiciel", organisationId: org, scopes: ["read"] }, { name: fc.oneof(fc.constantFrom("", "  ", "x".repeat(81)), notAString), organisationId: badOrUnknownId, scopes: fc.oneof(fc.constantFrom([], ["write"], ["read", "read"], ["write", "read"], ["admin"]), notAString) }))),
    ),
    "GET /v1/agent/api-keys": agent("GET", query(spoiltQuery({ organisationId: org }, { organisationId: badOrUnknownId }))),
    "DELETE /v1/agent/api-keys/{id}": agent("DELETE", badOrUnknownId.map((v) => ({ params: { id: String(v) } }))),
    "GET /v1/api/places": integration("GET", query(fc.constant({})), "ok_or_client_error"),
    "GET /v1/api/motifs": integration("GET", query(fc.constant({})), "ok_or_client_error"),
    "GET /v1/api/agents": integration("GET", query(fc.constant({})), "ok_or_client_error"),
    "GET /v1/api/appointments": integration(
      "GET",
      query(
        spoiltQuery(
          { from: "2026-12-01", to: "2026-12-31" },
          {
            from: fc.constantFrom("17/12/2026", "2026-13-01", "demain", "2026-12-01T10:00"),
            to: fc.constantFrom("2026-11-01", "x", "2026-12-32"),
            status: fc.constantFrom("BOOKED", "lapin", ""),
            updatedSince: fc.constantFrom("2026-12-01", "hier", "2026-12-01T10:00"),
            cursor: fc.oneof(fc.constantFrom("pas-un-curseur", "x".repeat(2001)), fc.string({ minLength: 1, maxLength: 40 })),
            limit: fc.constantFrom("0", "101", "abc", "-1", "1.5"),
          },
          [],
        ),
      ),
      "ok_or_client_error",
    ),
    "GET /v1/api/appointments/{id}": integration("GET", badOrUnknownId.map((v) => ({ params: { id: typeof v === "string" ? v : JSON.stringify(v) } }))),
    "POST /v1/api/appointments": integration("POST", agentBook),
    "POST /v1/api/appointments/{id}/cancel": integration("POST", badOrUnknownId.map((v) => ({ params: { id: String(v) } }))),
    "POST /v1/api/appointments/{id}/status": integration(
      "POST",
      fc.oneof(
        fc.tuple(badOrUnknownId, fc.constantFrom("seen", "noshow")).map(([v, status]) => ({ params: { id: String(v) }, body: { status } })),
        badBody(spoilt({ status: "seen" }, { status: fc.oneof(fc.constantFrom("SEEN", "lapin", ""), notAString) })).map((b) => ({ params: { id: id("rdv-1") }, body: b })),
      ),
    ),
    "PUT /v1/api/service-users/{externalId}": integration(
      "PUT",
      fc.oneof(
        fc.tuple(badIdString, fc.constant({ firstName: "Jeanne", lastName: "Durand" })).map(([v, b]) => ({ params: { externalId: v }, body: b })),
        badBody(spoilt({ firstName: "Jeanne", lastName: "Durand", phone: "0611223344" }, { firstName: badName, lastName: badName, phone: badPhone, email: badEmail, birthDate: badLocalDate }, ["firstName", "lastName"])).map((b) => ({ params: { externalId: "crm-fuzz" }, body: b })),
      ),
    ),
    "POST /v1/api/invitations": integration(
      "POST",
      badBody(
        spoilt(
          { serviceUserId: id("usager-1"), motifIds: [id("consult")], channels: ["sms"] },
          {
            serviceUserId: badOrUnknownId, externalId: fc.oneof(badIdString, fc.constant("crm-inconnu")), organisationId: badOrUnknownId,
            motifIds: fc.oneof(notAList, fc.constant([]), fc.array(badOrUnknownId, { minLength: 1, maxLength: 2 })), channels: fc.oneof(notAList, fc.constant([]), fc.constant(["fax"])),
          },
          ["motifIds", "channels"],
        ),
      ).map((b) => ({ body: b })),
    ),
    "GET /v1/openapi.json": { expect: "ok_or_client_error", cases: query(fc.constant({})) },
    "POST /v1/agent/booking-invitations": agent(
      "POST",
      body(
        badBody(
          spoilt(
            { serviceUserId: id("usager-1"), organisationId: org, motifIds: [id("consult")], channels: ["sms"] },
            {
              serviceUserId: badOrUnknownId, organisationId: badOrUnknownId, motifIds: fc.oneof(notAList, fc.constant([]), fc.array(badOrUnknownId, { minLength: 1, maxLength: 2 })),
              channels: fc.oneof(notAList, fc.constant([]), fc.constant(["fax"]), fc.constant(["sms", "sms", "email"])), expiresOn: fc.oneof(badLocalDate, fc.constantFrom("2026-11-30", "2099-01-01")),
              referentAgentIds: fc.oneof(notAList, fc.constant([]), fc.array(badOrUnknownId, { minLength: 1, maxLength: 2 })),
            },
            ["serviceUserId", "organisationId", "motifIds", "channels"],
          ),
        ),
      ),
    ),
    "GET /v1/agent/booking-invitations": agent("GET", query(badOrUnknownId.map((v) => ({ organisationId: typeof v === "string" ? v : JSON.stringify(v) })))),
    "ANY /v1/agent/{proxy+}": agent(
      "GET",
      fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom("x".repeat(5000), "%E0%A4%A", "../../etc/passwd", "appointments/x/y")).map((proxy) => ({ params: { proxy } })),
    ),
  };
  return fuzzers;
}

/** Routes of routes.ts that have no generator, and generators that match no route (both must be empty). */
export function coverage(fuzzers: Record<string, RouteFuzz>): { missing: string[]; unknown: string[] } {
  const keys = new Set(routes.map(routeKey));
  return {
    missing: [...keys].filter((key) => !(key in fuzzers)),
    unknown: Object.keys(fuzzers).filter((key) => !keys.has(key)),
  };
}

/** The route's handler, loaded the way SST and the local server resolve it (module path + export). */
export async function handlerOf(route: RouteDefinition): Promise<Handler> {
  const dot = route.handler.lastIndexOf(".");
  const file = route.handler.slice(0, dot).replace(/^packages\/functions\/src\//, "");
  const module = (await import(`../${file}.ts`)) as Record<string, unknown>;
  const fn = module[route.handler.slice(dot + 1)];
  if (typeof fn !== "function") throw new Error(`${route.handler}: no such export`);
  return fn as Handler;
}

export interface Outcome {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  cookies?: string[];
}

/** What is wrong with a response to a generated request, or undefined when it is what the route must answer. */
export function problemWith(expect: Expectation, response: Outcome): string | undefined {
  if (expect === "health_ok") {
    return response.status === 200 && JSON.stringify(response.body) === '{"ok":true}' ? undefined : `expected 200 {"ok":true}, got ${response.status}`;
  }
  if (expect === "ok_or_client_error" && response.status === 200) return undefined;
  if (expect === "sign_in_refused_redirect") {
    const location = response.headers?.location ?? "";
    if (response.status !== 302 || !/^\/agent\/connexion\/proconnect\?erreur=[a-z_]+(\.[a-z_]+)+$/.test(location)) return `expected a 302 to the refusal page, got ${response.status} ${location}`;
    if (response.cookies?.some((cookie) => cookie.startsWith("rdv_session="))) return "a session cookie was set";
    return undefined;
  }
  if (response.status < 400 || response.status > 499) return `expected a 4xx, got ${response.status}`;
  const error = (response.body as { error?: { code?: unknown; message?: unknown; fields?: unknown } } | null)?.error;
  if (typeof error?.code !== "string" || !/^[a-z_]+(\.[a-z_]+)+$/.test(error.code)) return `error.code missing or not dotted: ${JSON.stringify(error?.code)}`;
  if (typeof error.message !== "string" || error.message.length === 0) return "error.message missing";
  if (error.fields !== undefined) {
    if (typeof error.fields !== "object" || error.fields === null || Object.keys(error.fields).length === 0) return "error.fields present but empty";
    for (const [path, message] of Object.entries(error.fields)) {
      if (path.length === 0 || typeof message !== "string" || message.length === 0) return `error.fields[${JSON.stringify(path)}] malformed`;
    }
  }
  return undefined;
}

/** Field names of a 400's `fields`, for checking that generated requests reached validation. */
export function fieldNames(response: Outcome): string[] {
  const fields = (response.body as { error?: { fields?: Record<string, unknown> } } | null)?.error?.fields;
  return fields ? Object.keys(fields) : [];
}

/**
 * Entities that may change on a refused request (tableSnapshot's `except`): rate-limit counters
 * count requests, not data, and an API key's last use is written by any request made with it.
 */
export const UNCOUNTED_ENTITIES = ["rateLimit", "apiKey"];
