import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { document, documentedRoutes, handler } from "./openapi";
import { routeKey, routes } from "./routes";
import { invoke } from "./testing/invoke";

describe("the OpenAPI document", () => {
  it("describes every public and integration route of the route table, and only those", () => {
    const described = Object.entries(document().paths ?? {}).flatMap(([path, item]) =>
      Object.keys(item as object).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const expected = routes.filter((r) => !r.localOnly && (r.public || r.path.startsWith("/v1/api/"))).map(routeKey);
    expect(expected).toContain("PUT /v1/api/service-users/{externalId}");
    expect(expected).toContain("POST /v1/public/appointments");
    expect(described.sort()).toEqual(expected.sort());
    expect(documentedRoutes.map(routeKey).sort()).toEqual(expected.sort());
  });

  it("is valid OpenAPI 3.1", async () => {
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(JSON.stringify(document())));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("documents the integration API's security, query parameters and answers from the zod schemas", () => {
    const doc = document();
    const list = doc.paths!["/v1/api/appointments"]!.get!;
    expect(list.security).toEqual([{ apiKey: [] }]);
    expect((list.parameters as Array<{ name: string }>).map((p) => p.name)).toEqual(["from", "to", "status", "updatedSince", "cursor", "limit"]);
    expect(Object.keys(list.responses!).sort()).toEqual(["200", "400", "401", "429"]);
    const book = doc.paths!["/v1/api/appointments"]!.post!;
    expect((book.parameters as Array<{ name: string; in: string }>).map((p) => [p.in, p.name])).toEqual([["header", "Idempotency-Key"]]);
    expect(doc.components?.securitySchemes).toEqual({ apiKey: { type: "http", scheme: "bearer", description: expect.any(String) } });
  });

  it("is served at /v1/openapi.json", async () => {
    const response = await invoke(handler);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(JSON.parse(JSON.stringify(document())));
  });
});
