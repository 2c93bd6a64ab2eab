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
  /** reads or builds manage links: gets the stage's manage-token secret (and only these do) */
  secret?: boolean;
  /** sends SMS/e-mail and creates or deletes reminder schedules */
  notify?: boolean;
}

/**
 * Functions that are not HTTP routes, with what they need. The stacks deploy them; the local
 * stack runs them in-process (the scheduler loop and the reconciler loop).
 */
export const backgroundFunctions = {
  reminder: { handler: "packages/functions/src/reminder.handler", secret: true, notify: true },
  reconciler: { handler: "packages/functions/src/reconciler.handler", secret: true, notify: true },
} as const;

const fn = (file: string, exportName = "handler") => `packages/functions/src/${file}.${exportName}`;

export const routes: RouteDefinition[] = [
  { method: "GET", path: "/v1/health", handler: fn("health"), public: true },
  { method: "GET", path: "/v1/public/communes", handler: fn("public-communes"), public: true },
  { method: "GET", path: "/v1/public/motifs", handler: fn("public-catalogue", "motifs"), public: true },
  { method: "GET", path: "/v1/public/places", handler: fn("public-catalogue", "places"), public: true },
  { method: "GET", path: "/v1/public/slots", handler: fn("public-catalogue", "slots"), public: true },
  { method: "GET", path: "/v1/public/sessions", handler: fn("public-catalogue", "sessions"), public: true },
  { method: "POST", path: "/v1/public/appointments", handler: fn("public-appointments", "book"), public: true, secret: true, notify: true },
  { method: "GET", path: "/v1/public/appointments/{manageToken}", handler: fn("public-appointments", "show"), public: true, secret: true },
  { method: "POST", path: "/v1/public/appointments/{manageToken}/cancel", handler: fn("public-appointments", "cancel"), public: true, secret: true, notify: true },
  { method: "POST", path: "/v1/public/appointments/{manageToken}/reschedule", handler: fn("public-appointments", "reschedule"), public: true, secret: true, notify: true },
  { method: "GET", path: "/v1/dev/outbox", handler: fn("dev-outbox"), localOnly: true },
];

export function routeKey(route: RouteDefinition): string {
  return `${route.method} ${route.path}`;
}
