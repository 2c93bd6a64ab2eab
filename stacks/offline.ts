import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Template } from "aws-cdk-lib/assertions";
import { App, Stack, useFunctions } from "sst/constructs";
import { initProject, useProject } from "sst/project.js";
import { useRuntimeHandlers } from "sst/runtime/handlers.js";
import { missingHandlers } from "./lambda";

/**
 * Synthesizes the app offline, with no AWS account or network: SST's `App` in deploy mode under
 * NODE_ENV=test skips everything that calls AWS (bootstrap look-up, site build) but still bundles
 * the functions with esbuild. `sst build` / `sst deploy` would hang here (see TOOLCHAIN.md).
 * Used by the stack tests and by `npm run synth`.
 */
export interface OfflineSynth {
  app: App;
  /** CloudFormation template of each stack, by stack name (`<stage>-rdv-<Stack>`) */
  templates: Record<string, Record<string, unknown>>;
  /** true when packages/web had no OpenNext build and a stub site was synthesized instead */
  webStub: boolean;
  /** route-table handlers whose file does not exist yet (a stub was deployed in their place) */
  missingHandlers: string[];
}

export const OFFLINE_ACCOUNT = "123456789012";

export interface OfflineOptions {
  stage: string;
  region?: string;
  /**
   * false: skip esbuild and give every function a one-file placeholder asset. The template is
   * the same but for asset hashes; the stack tests use it (bundling ~40 functions takes minutes
   * on 2 cores). Default true: bundle as a deploy would.
   */
  bundle?: boolean;
}

export async function synthesizeOffline(options: OfflineOptions): Promise<OfflineSynth> {
  process.env.NODE_ENV = "test";
  process.env.SST_TELEMETRY_DISABLED = "1";
  process.env.RDV_STUB_MISSING_HANDLERS = "1";
  // SST bundles functions one at a time on a 2-core machine (cores - 1); two at once is faster here.
  process.env.SST_BUILD_CONCURRENCY ??= "2";
  // SST runs `npm install` in every function's bundle: no audit or funding calls for those.
  process.env.npm_config_audit = "false";
  process.env.npm_config_fund = "false";

  await initProject({ stage: options.stage });
  const root = useProject().paths.root;
  if (options.bundle === false) skipBundling();
  const webStub = useWebBuildOrStub(root);

  const { default: config } = await import("../sst.config");
  const app = new App({ mode: "deploy", name: "rdv", stage: options.stage, region: options.region ?? "eu-west-3", account: OFFLINE_ACCOUNT });
  await config.stacks(app);
  await app.finish();

  const templates: OfflineSynth["templates"] = {};
  for (const child of app.node.children) {
    if (child instanceof Stack) templates[child.stackName] = Template.fromStack(child).toJSON();
  }
  return { app, templates, webStub, missingHandlers: missingHandlers() };
}

/** Replaces SST's function build (esbuild, then npm install) with a placeholder asset. */
function skipBundling(): void {
  const handlers = useRuntimeHandlers();
  handlers.build = async (functionID) => {
    const fn = useFunctions().fromID(functionID);
    if (!fn?.handler) return { type: "error", errors: [`function ${functionID} has no handler`] };
    const out = join(useProject().paths.artifacts, `unbundled-${functionID}`);
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "UNBUNDLED.txt"), `offline synth without bundling: ${fn.handler}\n`);
    // what the Node handler returns: the handler path relative to the bundle root
    return { type: "success", handler: fn.handler, out, sourcemap: undefined };
  };
}

/**
 * The site's OpenNext build when packages/web has one (`npx @opennextjs/aws build` in
 * packages/web), else a stub with the same layout in .sst/web-stub (git-ignored) so the Web
 * stack synthesizes; returns whether the stub is used.
 */
function useWebBuildOrStub(root: string): boolean {
  if (process.env.RDV_WEB_SITE_PATH) return false;
  if (existsSync(join(root, "packages/web/.open-next/open-next.output.json"))) return false;
  const stub = join(root, ".sst", "web-stub");
  writeWebStub(stub);
  process.env.RDV_WEB_SITE_PATH = stub;
  return true;
}

/** The files NextjsSite reads at synth: the OpenNext output manifest, its bundles, Next's manifests. */
export function writeWebStub(dir: string): void {
  const write = (file: string, content: string) => {
    mkdirSync(join(dir, file, ".."), { recursive: true });
    writeFileSync(join(dir, file), content);
  };
  const fn = (bundle: string) => ({ type: "function", handler: "index.handler", bundle, streaming: false });
  const output = {
    edgeFunctions: {},
    origins: {
      s3: {
        type: "s3",
        originPath: "_assets",
        copy: [{ from: ".open-next/assets", to: "_assets", cached: true, versionedSubDir: "_next" }],
      },
      imageOptimizer: fn(".open-next/image-optimization-function"),
      default: fn(".open-next/server-functions/default"),
    },
    behaviors: [
      { pattern: "_next/image*", origin: "imageOptimizer" },
      { pattern: "_next/data/*", origin: "default" },
      { pattern: "*", origin: "default" },
      { pattern: "_next/*", origin: "s3" },
    ],
    additionalProps: {},
  };
  const handler = "export const handler = async () => ({ statusCode: 503, body: 'site not built (offline synth stub)' });\n";
  write(".open-next/open-next.output.json", JSON.stringify(output, null, 2));
  write(".open-next/assets/_next/static/stub.txt", "offline synth stub\n");
  write(".open-next/server-functions/default/index.mjs", handler);
  write(".open-next/image-optimization-function/index.mjs", handler);
  write(".open-next/revalidation-function/index.mjs", handler);
  write(".next/BUILD_ID", "offline-stub");
  write(".next/routes-manifest.json", JSON.stringify({ version: 3, dynamicRoutes: [], staticRoutes: [{ page: "/", regex: "^/(?:/)?$" }], dataRoutes: [] }));
  write(".next/prerender-manifest.json", JSON.stringify({ version: 4, routes: {}, dynamicRoutes: {} }));
}
