/**
 * The route table: the single source of truth for the HTTP API. The SST Api stack deploys every
 * route that is not local-only; the local server serves them all. `handler` is the module path
 * from the repository root and the exported function, as SST expects.
 */
export interface RouteDefinition {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  handler: string;
  /** development routes (the outbox) never deployed */
  localOnly?: boolean;
  /** public routes are throttled harder on AWS */
  public?: boolean;
}

const fn = (file: string, exportName = "handler") => `packages/functions/src/${file}.${exportName}`;

export const routes: RouteDefinition[] = [
  { method: "GET", path: "/v1/health", handler: fn("health"), public: true },
  { method: "GET", path: "/v1/public/communes", handler: fn("public-communes"), public: true },
  { method: "GET", path: "/v1/public/motifs", handler: fn("public-catalogue", "motifs"), public: true },
  { method: "GET", path: "/v1/public/places", handler: fn("public-catalogue", "places"), public: true },
  { method: "GET", path: "/v1/public/slots", handler: fn("public-catalogue", "slots"), public: true },
  { method: "GET", path: "/v1/public/sessions", handler: fn("public-catalogue", "sessions"), public: true },
  { method: "POST", path: "/v1/public/appointments", handler: fn("public-appointments", "book"), public: true },
  { method: "GET", path: "/v1/public/appointments/{manageToken}", handler: fn("public-appointments", "show"), public: true },
  { method: "POST", path: "/v1/public/appointments/{manageToken}/cancel", handler: fn("public-appointments", "cancel"), public: true },
  { method: "POST", path: "/v1/public/appointments/{manageToken}/reschedule", handler: fn("public-appointments", "reschedule"), public: true },
];

export function routeKey(route: RouteDefinition): string {
  return `${route.method} ${route.path}`;
}
