import { Api as HttpApi, use, type StackContext } from "sst/constructs";
import { routes, routeKey } from "@rdv/functions/routes";
import { Database } from "./Database";

/** The HTTP API: every route of the shared route table that is not local-only. */
export function Api({ stack }: StackContext) {
  const { table } = use(Database);
  const api = new HttpApi(stack, "Api", {
    defaults: {
      function: {
        bind: [table],
        environment: { RDV_TABLE: table.tableName },
      },
    },
    routes: Object.fromEntries(routes.filter((route) => !route.localOnly).map((route) => [routeKey(route), route.handler])),
  });
  stack.addOutputs({ ApiUrl: api.url });
  return { api };
}
