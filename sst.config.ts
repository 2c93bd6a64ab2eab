import type { SSTConfig } from "sst";
import { Api } from "./stacks/Api";
import { Database } from "./stacks/Database";

export default {
  config() {
    return { name: "rdv", region: "eu-west-3" };
  },
  stacks(app) {
    app.setDefaultFunctionProps({ runtime: "nodejs22.x", architecture: "arm_64" });
    app.stack(Database).stack(Api);
  },
} satisfies SSTConfig;
