import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { tableSnapshot } from "@rdv/core/testing/table";
import * as DepartmentFile from "@rdv/core/department-file";
import { smallDepartment } from "@rdv/core/testing/department-fixture";
import * as Catalogue from "./public-catalogue";
import * as Communes from "./public-communes";
import * as Appointments from "./public-appointments";
import { invoke } from "./testing/invoke";

/**
 * Malformed input never gets a 5xx, always the error shape of DESIGN.md, and never writes:
 * at least 1,000 generated values for each public endpoint that takes parameters or a body.
 */
const RUNS = 1000;

function expectClientError(response: { status: number; body: unknown }) {
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
  const error = (response.body as { error?: { code?: unknown; message?: unknown; fields?: unknown } }).error;
  expect(typeof error?.code).toBe("string");
  expect(typeof error?.message).toBe("string");
  if (error?.fields !== undefined) {
    for (const [path, message] of Object.entries(error.fields as Record<string, unknown>)) {
      expect(path.length).toBeGreaterThan(0);
      expect(typeof message).toBe("string");
    }
  }
}

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;
const badId = fc.oneof(
  fc.string({ maxLength: 200 }).filter((s) => !ID.test(s) || s.length > 80),
  fc.constantFrom("", " ", "../etc", "a/b", "%00", "é", "x".repeat(81)),
);
/** a well-formed id that matches nothing: 404 */
const unknownId = fc.stringMatching(/^[a-z][a-z0-9-]{3,30}$/).map((s) => `zz-${s}`);
const anyId = fc.oneof(badId, unknownId);
const badDate = fc.oneof(
  fc.string({ maxLength: 30 }).filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s)),
  fc.constantFrom("2026-02-30", "2026-13-01", "2026-00-10", "0000-00-00", "2026-1-1", "2026-12-07T10:00"),
);
const goodDate = fc.date({ min: new Date("2026-01-01"), max: new Date("2028-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const badCommune = fc.string({ maxLength: 20 }).filter((s) => !/^(\d{5}|2[AB]\d{3})$/.test(s));
const token = fc.oneof(fc.string({ maxLength: 100 }), fc.stringMatching(/^[A-Za-z0-9_-]{24}$/));

const phone = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.stringMatching(/^0[1-9]\d{0,7}$/), // too short
  fc.constantFrom("0321000000", "+33 1 23 45 67 89", "+1 202 555 0100", "00000000000", "06", "+336123456789012"),
);
const name = fc.oneof(fc.string({ maxLength: 150 }), fc.constant(""), fc.constant("   "));
const serviceUser = fc.record(
  { firstName: name, lastName: name, phone, email: fc.oneof(fc.string({ maxLength: 300 }), fc.emailAddress()), birthDate: fc.oneof(badDate, goodDate), address: fc.string({ maxLength: 400 }) },
  { requiredKeys: [] },
);
const bookingBody = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.record(
    {
      motifId: fc.oneof(anyId, fc.integer(), fc.constant(null)),
      placeId: fc.oneof(anyId, fc.constant(["p"])),
      startsAt: fc.oneof(badDate, fc.string({ maxLength: 40 }), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.constant("2026-12-07T10:00:00")),
      serviceUser: fc.oneof(serviceUser, fc.constant(null), fc.string()),
      relative: fc.oneof(fc.record({ firstName: name, lastName: name }), fc.constant(5)),
    },
    { requiredKeys: [] },
  ),
  fc.string({ maxLength: 300 }).map((s) => `{${s}`), // malformed JSON text
);
const idempotencyKey = fc.oneof(fc.constant(undefined), fc.string({ maxLength: 200 }), fc.uuid());

let before: Awaited<ReturnType<typeof tableSnapshot>> = [];
beforeAll(async () => {
  await DepartmentFile.load(smallDepartment("pbt"));
  before = await tableSnapshot({ except: ["rateLimit"] });
});

describe("public API under malformed input (fast-check)", () => {
  it("GET /v1/public/communes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 101, maxLength: 3000, unit: "binary" }), async (q) => {
        expectClientError(await invoke(Communes.handler, { query: { q } }));
      }),
      { numRuns: RUNS },
    );
  });

  it("GET /v1/public/motifs", async () => {
    await fc.assert(
      fc.asyncProperty(badCommune, async (commune) => expectClientError(await invoke(Catalogue.motifs, { query: { commune } }))),
      { numRuns: RUNS },
    );
  });

  it("GET /v1/public/places", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.tuple(anyId, fc.oneof(badCommune, fc.constant("62041"))), fc.tuple(fc.constant("pbt-consult"), badCommune)), async ([motif, commune]) => {
        expectClientError(await invoke(Catalogue.places, { query: { motif, commune } }));
      }),
      { numRuns: RUNS },
    );
  });

  const rangeQuery = fc.oneof(
    fc.record({ motif: anyId, place: fc.constant("pbt-place-arras"), from: goodDate, to: goodDate }),
    fc.record({ motif: fc.constant("pbt-consult"), place: anyId, from: goodDate, to: goodDate }),
    fc.record({ motif: fc.constant("pbt-consult"), place: fc.constant("pbt-place-arras"), from: badDate, to: fc.oneof(badDate, goodDate) }),
    // inverted or longer than 92 days
    fc.tuple(goodDate, fc.integer({ min: 1, max: 2000 }), fc.boolean()).map(([from, days, inverted]) => {
      const other = new Date(Date.parse(`${from}T00:00:00Z`) + (inverted ? -days : days + 91) * 86_400_000).toISOString().slice(0, 10);
      return { motif: "pbt-consult", place: "pbt-place-arras", from, to: other };
    }),
  );

  it("GET /v1/public/slots", async () => {
    await fc.assert(fc.asyncProperty(rangeQuery, async (query) => expectClientError(await invoke(Catalogue.slots, { query }))), { numRuns: RUNS });
  });

  it("GET /v1/public/sessions", async () => {
    await fc.assert(fc.asyncProperty(rangeQuery, async (query) => expectClientError(await invoke(Catalogue.sessions, { query }))), { numRuns: RUNS });
  });

  it("POST /v1/public/appointments", async () => {
    await fc.assert(
      fc.asyncProperty(bookingBody, idempotencyKey, async (body, key) => {
        const headers: Record<string, string> = key === undefined ? {} : { "idempotency-key": key };
        expectClientError(await invoke(Appointments.book, { method: "POST", body, headers }));
      }),
      { numRuns: RUNS },
    );
  });

  it("GET, cancel and reschedule by manage token", async () => {
    await fc.assert(
      fc.asyncProperty(token, fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.record({ startsAt: fc.string({ maxLength: 40 }) })), async (manageToken, body) => {
        expectClientError(await invoke(Appointments.show, { params: { manageToken } }));
        expectClientError(await invoke(Appointments.cancel, { method: "POST", params: { manageToken } }));
        expectClientError(await invoke(Appointments.reschedule, { method: "POST", params: { manageToken }, body }));
      }),
      { numRuns: RUNS },
    );
  });

  it("wrote nothing", async () => {
    expect(await tableSnapshot({ except: ["rateLimit"] })).toEqual(before);
  });
}, 300_000);
