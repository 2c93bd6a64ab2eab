import { Api as HttpApi, type StackContext } from "sst/constructs";
import { useStage } from "./settings";

/**
 * The HTTP API itself, with CORS for the site's domain. Its routes and its stage come from
 * `ApiRoutes`, a later stack: the route functions need the site's URL (links in messages) and
 * the site needs this API's URL, so the API must exist before the site and its routes after
 * it — one stack for both would be a CloudFormation dependency cycle.
 */
export function Api({ stack, app }: StackContext) {
  const { settings } = useStage(app);
  const api = new HttpApi(stack, "Api", {
    // The site calls the API from its server; browsers need CORS only on the site's own domain.
    cors: settings.domain
      ? {
          allowOrigins: [`https://${settings.domain}`],
          allowMethods: ["GET", "POST"],
          allowHeaders: ["content-type", "idempotency-key"],
          maxAge: "1 day",
        }
      : false,
    accessLog: false, // on the stage, in ApiRoutes
    cdk: { httpApi: { createDefaultStage: false } },
  });
  stack.addOutputs({ ApiUrl: api.url });
  return { api };
}
