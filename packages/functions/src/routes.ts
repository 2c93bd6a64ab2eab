/**
 * The route table: the single source of truth for the HTTP API. The SST Api stack deploys every
 * route that is not local-only; the local server serves them all. `handler` is the module path
 * from the repository root and the exported function, as SST expects.
 */
export interface RouteDefinition {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "ANY";
  path: string;
  handler: string;
  /** development routes (the outbox) never deployed */
  localOnly?: boolean;
  /** public routes are throttled harder on AWS */
  public?: boolean;
  /** reads or builds manage links: gets the stage's manage-token secret (and only these do) */
  secret?: boolean;
  /** sends SMS and e-mails to usagers, creates or deletes reminder schedules */
  notify?: boolean;
  /** sends e-mail (agent invitations; `notify` routes send e-mails too) */
  email?: boolean;
}

/**
 * Functions that are not HTTP routes, with what they need. The stacks deploy them; the local
 * stack runs them in-process (the scheduler loop and the reconciler loop; the migrations it runs
 * through core before serving, see packages/local/src/stack.ts).
 */
export const backgroundFunctions = {
  reminder: { handler: "packages/functions/src/reminder.handler", secret: true, notify: true },
  reconciler: { handler: "packages/functions/src/reconciler.handler", secret: true, notify: true },
  /** SNS's SMS delivery logs, through a CloudWatch Logs subscription (stacks/SmsReports.ts): the table only */
  deliveryReports: { handler: "packages/functions/src/delivery-reports.handler", secret: false, notify: false },
  /** the deploy's data migrations (a CloudFormation custom resource, stacks/Migrations.ts): the table only */
  migrations: { handler: "packages/functions/src/migrations.handler" },
} as const;

const fn = (file: string, exportName = "handler") => `packages/functions/src/${file}.${exportName}`;

export const routes: RouteDefinition[] = [
  { method: "GET", path: "/v1/health", handler: fn("health"), public: true },
  { method: "GET", path: "/v1/public/communes", handler: fn("public-communes"), public: true },
  { method: "GET", path: "/v1/public/motifs", handler: fn("public-motifs"), public: true },
  { method: "GET", path: "/v1/public/places", handler: fn("public-catalogue", "places"), public: true },
  { method: "GET", path: "/v1/public/slots", handler: fn("public-catalogue", "slots"), public: true },
  { method: "GET", path: "/v1/public/sessions", handler: fn("public-catalogue", "sessions"), public: true },
  { method: "POST", path: "/v1/public/appointments", handler: fn("public-appointments", "book"), public: true, secret: true, notify: true },
  { method: "GET", path: "/v1/public/appointments/{manageToken}", handler: fn("public-appointments", "show"), public: true, secret: true },
  { method: "POST", path: "/v1/public/appointments/{manageToken}/cancel", handler: fn("public-appointments", "cancel"), public: true, secret: true, notify: true },
  { method: "POST", path: "/v1/public/appointments/{manageToken}/reschedule", handler: fn("public-appointments", "reschedule"), public: true, secret: true, notify: true },
  { method: "GET", path: "/v1/public/appointments/{manageToken}/waitlist", handler: fn("public-waitlist", "ofAppointment"), public: true, secret: true },
  { method: "POST", path: "/v1/public/appointments/{manageToken}/waitlist", handler: fn("public-waitlist", "joinEarlier"), public: true, secret: true },
  { method: "POST", path: "/v1/public/appointments/{manageToken}/waitlist/leave", handler: fn("public-waitlist", "leaveOfAppointment"), public: true, secret: true },
  { method: "POST", path: "/v1/public/waitlist", handler: fn("public-waitlist", "join"), public: true, secret: true },
  { method: "GET", path: "/v1/public/waitlist/{manageToken}", handler: fn("public-waitlist", "show"), public: true, secret: true },
  { method: "POST", path: "/v1/public/waitlist/{manageToken}/leave", handler: fn("public-waitlist", "leave"), public: true, secret: true },
  { method: "GET", path: "/v1/public/offers/{offerToken}", handler: fn("public-waitlist", "showOffer"), public: true, secret: true },
  { method: "POST", path: "/v1/public/offers/{offerToken}/accept", handler: fn("public-waitlist", "acceptOffer"), public: true, secret: true, notify: true },
  // an agent's calendar software subscribes to this address (a secret token in the path)
  { method: "GET", path: "/v1/public/calendar-feeds/{token}", handler: fn("calendar-feed", "feed"), public: true },
  { method: "GET", path: "/v1/dev/outbox", handler: fn("dev-outbox"), localOnly: true },
  // agents: /v1/agent/auth/… are the only agent routes open without a session
  { method: "POST", path: "/v1/agent/auth/sign-in", handler: fn("agent-auth", "signIn") },
  { method: "GET", path: "/v1/agent/auth/invitation/{token}", handler: fn("agent-auth", "describeInvitation") },
  { method: "POST", path: "/v1/agent/auth/invitation", handler: fn("agent-auth", "acceptInvitation") },
  { method: "POST", path: "/v1/agent/auth/sign-out", handler: fn("agent-auth", "signOut") },
  { method: "GET", path: "/v1/agent/me", handler: fn("agent-auth", "show") },
  { method: "POST", path: "/v1/agent/me/organisation", handler: fn("agent-auth", "switchOrganisation") },
  { method: "GET", path: "/v1/agent/me/notifications", handler: fn("agent-notifications", "show") },
  { method: "POST", path: "/v1/agent/me/notifications", handler: fn("agent-notifications", "save") },
  { method: "POST", path: "/v1/agent/invitations", handler: fn("agent-auth", "invite"), email: true },
  { method: "GET", path: "/v1/agent/agenda", handler: fn("agent-agenda", "agenda") },
  { method: "GET", path: "/v1/agent/slots", handler: fn("agent-agenda", "slots") },
  { method: "GET", path: "/v1/agent/availability", handler: fn("agent-agenda", "availability") },
  { method: "GET", path: "/v1/agent/calendar-feed", handler: fn("calendar-feed", "status") },
  { method: "POST", path: "/v1/agent/calendar-feed", handler: fn("calendar-feed", "create") },
  { method: "DELETE", path: "/v1/agent/calendar-feed", handler: fn("calendar-feed", "revoke") },
  { method: "POST", path: "/v1/agent/appointments", handler: fn("agent-appointments", "book"), secret: true, notify: true },
  { method: "GET", path: "/v1/agent/appointments/to-mark", handler: fn("agent-appointments", "toMark") },
  { method: "GET", path: "/v1/agent/appointments/{id}", handler: fn("agent-appointments", "detail") },
  { method: "POST", path: "/v1/agent/appointments/{id}/status", handler: fn("agent-appointments", "setStatus") },
  { method: "POST", path: "/v1/agent/appointments/{id}/revoke", handler: fn("agent-appointments", "revoke"), secret: true, notify: true },
  { method: "POST", path: "/v1/agent/appointments/{id}/move", handler: fn("agent-appointments", "move"), secret: true, notify: true },
  { method: "POST", path: "/v1/agent/appointments/{id}/waitlist", handler: fn("agent-appointments", "joinWaitlist"), secret: true, notify: true },
  { method: "POST", path: "/v1/agent/sessions", handler: fn("agent-appointments", "createSession"), secret: true, notify: true },
  { method: "GET", path: "/v1/agent/service-users", handler: fn("agent-service-users", "searchServiceUsers") },
  { method: "POST", path: "/v1/agent/service-users", handler: fn("agent-service-users", "createServiceUser") },
  { method: "GET", path: "/v1/agent/stats", handler: fn("agent-stats", "stats") },
  { method: "GET", path: "/v1/agent/stats/reminder-trial", handler: fn("agent-stats", "reminderTrial") },
  { method: "GET", path: "/v1/agent/stats/export", handler: fn("agent-stats", "statsCsv") },
  { method: "GET", path: "/v1/agent/call-list", handler: fn("agent-call-list", "list") },
  // "cancelled" cancels the appointment as the service does (an SMS to the usager, the schedule deleted)
  { method: "POST", path: "/v1/agent/call-list/{appointmentId}", handler: fn("agent-call-list", "record"), secret: true, notify: true },
  { method: "GET", path: "/v1/agent/exports/appointments", handler: fn("agent-export") },
  { method: "GET", path: "/v1/agent/configuration", handler: fn("agent-configuration", "configuration") },
  { method: "GET", path: "/v1/agent/configuration/changes", handler: fn("agent-configuration", "configurationChanges") },
  { method: "POST", path: "/v1/agent/configuration/places", handler: fn("agent-configuration", "savePlace") },
  { method: "POST", path: "/v1/agent/configuration/motifs", handler: fn("agent-configuration", "saveMotif") },
  { method: "POST", path: "/v1/agent/configuration/opening-rules", handler: fn("agent-configuration", "saveOpeningRule") },
  { method: "POST", path: "/v1/agent/configuration/opening-rules/occurrence", handler: fn("agent-configuration", "editOccurrence") },
  { method: "DELETE", path: "/v1/agent/configuration/opening-rules/{ruleId}", handler: fn("agent-configuration", "deleteOpeningRule") },
  { method: "POST", path: "/v1/agent/configuration/absences", handler: fn("agent-configuration", "saveAbsence") },
  { method: "POST", path: "/v1/agent/configuration/absences/delete", handler: fn("agent-configuration", "deleteAbsence") },
  { method: "POST", path: "/v1/agent/service-users/merge", handler: fn("agent-service-users", "mergeServiceUsers") },
  // last: any other agent path is a 401 without a session (the API does not reveal its routes), a 404 with one
  { method: "ANY", path: "/v1/agent/{proxy+}", handler: fn("agent-auth", "unknown") },
];

export function routeKey(route: RouteDefinition): string {
  return `${route.method} ${route.path}`;
}

/** A route as a name for ids and files: `GET-v1-public-slots`. */
export function routeName(route: RouteDefinition): string {
  return `${route.method}${route.path.replace(/[^A-Za-z0-9]+/g, "-")}`.replace(/-+$/, "");
}
