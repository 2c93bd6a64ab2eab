import { RemovalPolicy } from "aws-cdk-lib";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import { CfnRoute, CfnStage, HttpStage } from "aws-cdk-lib/aws-apigatewayv2";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { dependsOn, use, type StackContext } from "sst/constructs";
import { routeKey, routes, type RouteDefinition } from "@rdv/functions/routes";
import { Api } from "./Api";
import { productFunction } from "./lambda";
import { Migrations } from "./Migrations";
import { Reminders } from "./Reminders";
import { useStage } from "./settings";
import { functionWiring } from "./wiring";

/** Throttling of each public route (anonymous usagers), and of every other route (agents, few). */
export const PUBLIC_ROUTE_THROTTLE = { rateLimit: 20, burstLimit: 40 };
export const DEFAULT_ROUTE_THROTTLE = { rateLimit: 50, burstLimit: 100 };

/** Access-log fields: never the path (it carries manage tokens) nor the caller's IP. */
const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: "$context.requestId",
  requestTime: "$context.requestTime",
  routeKey: "$context.routeKey",
  status: "$context.status",
  responseLength: "$context.responseLength",
  integrationLatency: "$context.integrationLatency",
  integrationError: "$context.integrationErrorMessage",
});

/**
 * The route functions are spread over three stacks: CloudFormation refuses a stack of more than
 * 500 resources, and each route is seven (function, role, policy, log retention, integration,
 * permission, route). Grouped by what they serve, so a new route rarely moves an existing one:
 * the agents' accounts, integrations and configuration; the agents' daily work; the public, the
 * integration API and the rest (with the stage).
 */
export const ROUTE_STACKS = ["ApiRoutes", "AgentRoutes", "AgentAdminRoutes"] as const;
export type RouteStack = (typeof ROUTE_STACKS)[number];

/** Agent paths (`/v1/agent/<segment>/…`) served by AgentAdminRoutes; the other agent paths by AgentRoutes. */
const ADMIN_SEGMENTS = new Set(["auth", "me", "team", "invitations", "api-keys", "webhooks", "booking-invitations", "calendar-feed", "configuration"]);

export function routeStackOf(route: Pick<RouteDefinition, "path">): RouteStack {
  if (!route.path.startsWith("/v1/agent/")) return "ApiRoutes";
  return ADMIN_SEGMENTS.has(route.path.split("/")[3] ?? "") ? "AgentAdminRoutes" : "AgentRoutes";
}

/** The routes of one of the route stacks, each its own Lambda, added to the HTTP API. */
function addRoutes(stack: StackContext["stack"], name: RouteStack, wiring: ReturnType<typeof functionWiring>) {
  const { api } = use(Api);
  const deployed = routes.filter((route) => !route.localOnly && routeStackOf(route) === name);
  api.addRoutes(
    stack,
    Object.fromEntries(deployed.map((route) => [routeKey(route), { function: productFunction(route.handler, { ...route, http: true }, wiring) }])),
  );
}

/** The agents' daily work: agenda, appointments, usagers, call list, statistics, exports. */
export function AgentRoutes({ stack, app }: StackContext) {
  dependsOn(Migrations); // deployed once the data migrations ran (stacks/Migrations.ts)
  addRoutes(stack, "AgentRoutes", functionWiring(app, use(Reminders).wiring));
}

/** Sign-in (and the ProConnect client secret), accounts, team, keys, webhooks, invitations, configuration. */
export function AgentAdminRoutes({ stack, app }: StackContext) {
  dependsOn(Migrations);
  const wiring = functionWiring(app, use(Reminders).wiring);
  const { settings } = useStage(app);
  if (settings.proConnect) {
    // created with a placeholder; the operator puts the client secret ProConnect gave (docs/deploy.md)
    const oidcSecret = new Secret(stack, "ProConnectClientSecret", {
      secretName: `rdv/${app.stage}/proconnect-client-secret`,
      description: `RDV ${app.stage}: ProConnect (OIDC) client secret of ${settings.proConnect.clientId}`,
      generateSecretString: { passwordLength: 32, excludePunctuation: true, includeSpace: false },
      removalPolicy: settings.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    wiring.oidcSecretArn = oidcSecret.secretArn;
    stack.addOutputs({ ProConnectClientSecretArn: oidcSecret.secretArn });
  }
  addRoutes(stack, "AgentAdminRoutes", wiring);
}

/**
 * The public routes, the integration API and the rest of the route table, then the `$default`
 * stage: throttled per route (public routes harder), access-logged. The stage is created here,
 * after every route stack, because API Gateway refuses settings for unknown routes.
 */
export function ApiRoutes({ stack, app }: StackContext) {
  dependsOn(Migrations);
  dependsOn(AgentRoutes);
  dependsOn(AgentAdminRoutes);
  const { api } = use(Api);
  addRoutes(stack, "ApiRoutes", functionWiring(app, use(Reminders).wiring));
  const deployed = routes.filter((route) => !route.localOnly);

  const accessLogs = new LogGroup(stack, "AccessLogs", { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
  const stage = new HttpStage(stack, "DefaultStage", {
    httpApi: api.cdk.httpApi,
    stageName: "$default",
    autoDeploy: true,
    throttle: DEFAULT_ROUTE_THROTTLE,
  });
  const cfnStage = stage.node.defaultChild as CfnStage;
  cfnStage.accessLogSettings = { destinationArn: accessLogs.logGroupArn, format: ACCESS_LOG_FORMAT };
  cfnStage.routeSettings = Object.fromEntries(
    deployed
      .filter((route) => route.public)
      .map((route) => [
        routeKey(route),
        { ThrottlingRateLimit: PUBLIC_ROUTE_THROTTLE.rateLimit, ThrottlingBurstLimit: PUBLIC_ROUTE_THROTTLE.burstLimit },
      ]),
  );
  for (const child of stack.node.findAll()) {
    if (child instanceof CfnRoute) stage.node.addDependency(child);
  }
  // the other route stacks' routes exist before: ApiRoutes depends on their stacks
  return { api, stage };
}
