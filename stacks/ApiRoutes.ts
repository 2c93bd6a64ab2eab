import { RemovalPolicy } from "aws-cdk-lib";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import { CfnRoute, CfnStage, HttpStage } from "aws-cdk-lib/aws-apigatewayv2";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { dependsOn, use, type StackContext } from "sst/constructs";
import { routeKey, routes } from "@rdv/functions/routes";
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
 * Every route of the shared route table that is not local-only, each its own Lambda, and the
 * `$default` stage: throttled per route (public routes harder), access-logged. The stage is
 * created here, after the routes, because API Gateway refuses settings for unknown routes.
 */
export function ApiRoutes({ stack, app }: StackContext) {
  dependsOn(Migrations); // deployed once the data migrations ran (stacks/Migrations.ts)
  const { api } = use(Api);
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
  const deployed = routes.filter((route) => !route.localOnly);
  api.addRoutes(
    stack,
    Object.fromEntries(deployed.map((route) => [routeKey(route), { function: productFunction(route.handler, { ...route, http: true }, wiring) }])),
  );

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
  return { api, stage };
}
