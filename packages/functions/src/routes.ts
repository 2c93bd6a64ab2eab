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
  /** queues webhook deliveries (`notify` routes do too) */
  webhooks?: boolean;
  /** exchanges ProConnect codes: gets the stage's OIDC client secret (and only these do) */
  oidcSecret?: boolean;
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
  /** the webhook queue's consumer (stacks/Webhooks.ts): the table, e-mail (a disabled subscription's admins) and the queue */
  webhookDelivery: { handler: "packages/functions/src/webhook-delivery.handler", secret: false, notify: false, email: true, webhooks: true },
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
  { method: "GET", path: "/v1/public/invitations/{invitationToken}", handler: fn("public-invitations", "show"), public: true, secret: true },
  { method: "GET", path: "/v1/public/invitations/{invitationToken}/slots", handler: fn("public-invitations", "slots"), public: true, secret: true },
  { method: "POST", path: "/v1/public/invitations/{invitationToken}/book", handler: fn("public-invitations", "book"), public: true, secret: true, notify: true },
  // an agent's calendar software subscribes to this address (a secret token in the path)
  { method: "GET", path: "/v1/public/calendar-feeds/{token}", handler: fn("calendar-feed", "feed"), public: true },
  { method: "GET", path: "/v1/dev/outbox", handler: fn("dev-outbox"), localOnly: true },
  // agents: /v1/agent/auth/… are the only agent routes open without a session
  { method: "POST", path: "/v1/agent/auth/sign-in", handler: fn("agent-auth", "signIn") },
  { method: "GET", path: "/v1/agent/auth/methods", handler: fn("agent-auth", "methods") },
  { method: "GET", path: "/v1/agent/auth/oidc/start", handler: fn("agent-auth", "oidcStart") },
  { method: "GET", path: "/v1/agent/auth/oidc/callback", handler: fn("agent-auth", "oidcCallback"), oidcSecret: true },
  { method: "GET", path: "/v1/agent/auth/invitation/{token}", handler: fn("agent-auth", "describeInvitation") },
  { method: "POST", path: "/v1/agent/auth/invitation", handler: fn("agent-auth", "acceptInvitation") },
  { method: "POST", path: "/v1/agent/auth/sign-out", handler: fn("agent-auth", "signOut") },
  { method: "POST", path: "/v1/agent/auth/password-reset", handler: fn("agent-auth", "requestPasswordReset"), email: true },
  { method: "GET", path: "/v1/agent/auth/password-reset/{token}", handler: fn("agent-auth", "describePasswordReset") },
  { method: "POST", path: "/v1/agent/auth/password-reset/confirm", handler: fn("agent-auth", "confirmPasswordReset") },
  { method: "GET", path: "/v1/agent/me", handler: fn("agent-auth", "show") },
  { method: "POST", path: "/v1/agent/me/organisation", handler: fn("agent-auth", "switchOrganisation") },
  { method: "GET", path: "/v1/agent/me/notifications", handler: fn("agent-notifications", "show") },
  { method: "POST", path: "/v1/agent/me/notifications", handler: fn("agent-notifications", "save") },
  { method: "POST", path: "/v1/agent/invitations", handler: fn("agent-auth", "invite"), email: true },
  { method: "GET", path: "/v1/agent/team", handler: fn("agent-team", "list") },
  { method: "POST", path: "/v1/agent/team/invitations/{invitationId}/resend", handler: fn("agent-team", "resendInvitation"), email: true },
  { method: "POST", path: "/v1/agent/team/{agentId}", handler: fn("agent-team", "update") },
  { method: "POST", path: "/v1/agent/team/{agentId}/remove", handler: fn("agent-team", "remove") },
  { method: "POST", path: "/v1/agent/team/{agentId}/deactivate", handler: fn("agent-team", "deactivate") },
  { method: "POST", path: "/v1/agent/team/{agentId}/reactivate", handler: fn("agent-team", "reactivate") },
  { method: "GET", path: "/v1/agent/agenda", handler: fn("agent-agenda", "agenda") },
  { method: "GET", path: "/v1/agent/slots", handler: fn("agent-agenda", "slots") },
  { method: "GET", path: "/v1/agent/availability", handler: fn("agent-agenda", "availability") },
  { method: "GET", path: "/v1/agent/calendar-feed", handler: fn("calendar-feed", "status") },
  { method: "POST", path: "/v1/agent/calendar-feed", handler: fn("calendar-feed", "create") },
  { method: "DELETE", path: "/v1/agent/calendar-feed", handler: fn("calendar-feed", "revoke") },
  { method: "POST", path: "/v1/agent/appointments", handler: fn("agent-appointments", "book"), secret: true, notify: true },
  { method: "GET", path: "/v1/agent/appointments/to-mark", handler: fn("agent-appointments", "toMark") },
  { method: "GET", path: "/v1/agent/appointments/{id}", handler: fn("agent-appointments", "detail") },
  { method: "POST", path: "/v1/agent/appointments/{id}/status", handler: fn("agent-appointments", "setStatus"), webhooks: true },
  { method: "POST", path: "/v1/agent/appointments/{id}/arrival", handler: fn("agent-appointments", "arrival") },
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
  { method: "POST", path: "/v1/agent/configuration/absences/occurrence", handler: fn("agent-configuration", "editAbsenceOccurrence") },
  { method: "POST", path: "/v1/agent/webhooks", handler: fn("webhooks", "create") },
  { method: "GET", path: "/v1/agent/webhooks", handler: fn("webhooks", "list") },
  { method: "POST", path: "/v1/agent/webhooks/{id}/rotate", handler: fn("webhooks", "rotate") },
  { method: "POST", path: "/v1/agent/webhooks/{id}/deliveries/{deliveryId}/resend", handler: fn("webhooks", "resend"), webhooks: true },
  { method: "DELETE", path: "/v1/agent/webhooks/{id}", handler: fn("webhooks", "remove") },
  { method: "POST", path: "/v1/agent/service-users/merge", handler: fn("agent-service-users", "mergeServiceUsers") },
  { method: "POST", path: "/v1/agent/api-keys", handler: fn("agent-api-keys", "create") },
  { method: "GET", path: "/v1/agent/api-keys", handler: fn("agent-api-keys", "list") },
  { method: "DELETE", path: "/v1/agent/api-keys/{id}", handler: fn("agent-api-keys", "revoke") },
  { method: "POST", path: "/v1/agent/booking-invitations", handler: fn("agent-booking-invitations", "create"), secret: true, notify: true },
  { method: "GET", path: "/v1/agent/booking-invitations", handler: fn("agent-booking-invitations", "list") },
  // last: any other agent path is a 401 without a session (the API does not reveal its routes), a 404 with one
  { method: "ANY", path: "/v1/agent/{proxy+}", handler: fn("agent-auth", "unknown") },
  // the integration API: a business tool with an API key (Authorization: Bearer rdv_…)
  { method: "GET", path: "/v1/api/places", handler: fn("integration-api", "places") },
  { method: "GET", path: "/v1/api/motifs", handler: fn("integration-api", "motifs") },
  { method: "GET", path: "/v1/api/agents", handler: fn("integration-api", "agents") },
  { method: "GET", path: "/v1/api/appointments", handler: fn("integration-api", "listAppointments") },
  { method: "GET", path: "/v1/api/appointments/{id}", handler: fn("integration-api", "showAppointment") },
  { method: "POST", path: "/v1/api/appointments", handler: fn("integration-api", "book"), secret: true, notify: true },
  { method: "POST", path: "/v1/api/appointments/{id}/cancel", handler: fn("integration-api", "cancel"), secret: true, notify: true },
  { method: "POST", path: "/v1/api/appointments/{id}/status", handler: fn("integration-api", "setStatus") },
  { method: "PUT", path: "/v1/api/service-users/{externalId}", handler: fn("integration-api", "upsertServiceUser") },
  { method: "POST", path: "/v1/api/invitations", handler: fn("integration-api", "invite"), secret: true, notify: true },
  { method: "GET", path: "/v1/openapi.json", handler: fn("openapi"), public: true },
];

export function routeKey(route: RouteDefinition): string {
  return `${route.method} ${route.path}`;
}

/** A route as a name for ids and files: `GET-v1-public-slots`. */
export function routeName(route: RouteDefinition): string {
  return `${route.method}${route.path.replace(/[^A-Za-z0-9]+/g, "-")}`.replace(/-+$/, "");
}
