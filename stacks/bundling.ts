import { createRequire } from "node:module";
import { dirname, join, parse, relative } from "node:path";
import type { FunctionProps } from "sst/constructs";

export type NodejsBundling = NonNullable<FunctionProps["nodejs"]>;
/** esbuild's options as SST's own esbuild (0.18) types them */
type BuildOptions = NonNullable<NodejsBundling["esbuild"]>;
interface Metafile {
  outputs: Record<string, { bytes: number; imports: Array<{ path: string; kind: string }> }>;
}

/**
 * How SST bundles every product function (the `nodejs` props of each function): esbuild, ESM,
 * minified, source maps beside the bundle for `--enable-source-maps`. The bench builds the same
 * bundles from these props (`esbuildOptions`), so its sizes and load times are the deployed ones.
 */
export const NODEJS_BUNDLING: NodejsBundling = {
  format: "esm",
  sourcemap: true,
  minify: true,
  // What is imported lazily (`await import()`: the SMS, scheduler, e-mail and secrets clients, the
  // SDK's credential providers other than the environment's) goes to chunks loaded on first use.
  splitting: true,
  // SST keeps function and class names by default; nothing here reads them (errors set `name`).
  // ElectroDB's model check (jsonschema) is left to the tests and the local stack, which run the
  // same models unbundled (electrodb-model-check.cjs); @middy/util reads node:http's status texts
  // through require (httpStatusTextsByRequire). Each was a share of every cold start (docs/performance.md).
  esbuild: { keepNames: false, alias: { jsonschema: "./stacks/electrodb-model-check.cjs" }, plugins: [httpStatusTextsByRequire()] },
};

/**
 * `@middy/util` imports `STATUS_CODES` from `node:http` as an ES module. Importing a built-in that
 * way makes Node build its module facade, which reads every export of `node:http`, and some are
 * lazy getters that load undici (fetch, WebSocket): 15 % of a route's cold start for a table of
 * status texts. Read through `require` (which the ESM banner defines in every bundle), nothing
 * else of `node:http` is touched. Same value, same module: only how it is reached changes.
 */
function httpStatusTextsByRequire(): NonNullable<BuildOptions["plugins"]>[number] {
  const statement = 'import { STATUS_CODES } from "node:http";';
  return {
    name: "http-status-texts-by-require",
    setup(build) {
      build.onLoad({ filter: /[\\/]@middy[\\/]util[\\/]index\.js$/ }, async ({ path }) => {
        const { readFile } = await import("node:fs/promises");
        const source = await readFile(path, "utf8");
        // a later @middy/util without this line is bundled as it is (the bundling test then says so)
        return { contents: source.replace(statement, 'const { STATUS_CODES } = require("node:http");'), loader: "js" };
      });
    },
  };
}

/** Node's options on every product function: stack traces through the source maps. */
export const LAMBDA_NODE_OPTIONS = "--enable-source-maps";

/**
 * The esbuild options SST 2.49 builds a function with in deploy mode, from its `nodejs` props
 * (sst/runtime/handlers/node.js, restated: SST does not export them). `entry` is the handler's
 * file, `outRoot` the function's output folder; returns the options and the bundle's path.
 */
export function esbuildOptions(nodejs: NodejsBundling, entry: string, outRoot: string, projectRoot: string): { options: BuildOptions; outfile: string } {
  const esm = (nodejs.format ?? "esm") === "esm";
  const rel = relative(projectRoot, dirname(entry));
  const outfile = join(outRoot, rel.startsWith("..") ? "" : rel, parse(entry).name.replace(".", "-") + (esm ? ".mjs" : ".cjs"));
  const { external = [], ...override } = nodejs.esbuild ?? {};
  const options: BuildOptions = {
    entryPoints: [entry],
    platform: "node",
    external: ["sharp", "pg-native", ...(nodejs.install ?? []), ...external],
    loader: nodejs.loader,
    keepNames: true,
    bundle: true,
    logLevel: "silent",
    splitting: nodejs.splitting,
    metafile: true,
    outExtension: nodejs.splitting ? { ".js": ".mjs" } : undefined,
    ...(esm
      ? {
          format: "esm",
          target: "esnext",
          mainFields: ["module", "main"],
          banner: {
            js: [
              `import { createRequire as topLevelCreateRequire } from 'module';`,
              `const require = topLevelCreateRequire(import.meta.url);`,
              `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
              `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
              nodejs.banner ?? "",
            ].join("\n"),
          },
        }
      : { format: "cjs", target: "node14", banner: nodejs.banner ? { js: nodejs.banner } : undefined }),
    outfile: nodejs.splitting ? undefined : outfile,
    outdir: nodejs.splitting ? dirname(outfile) : undefined,
    sourcemap: nodejs.sourcemap !== false,
    minify: nodejs.minify,
    absWorkingDir: projectRoot,
    ...override,
  };
  return { options, outfile };
}

/** The esbuild SST itself bundles with (its own dependency, not the project's), for identical output. */
export function sstEsbuild(): { version: string; build(options: BuildOptions): Promise<{ metafile?: Metafile }> } {
  const fromSst = createRequire(createRequire(import.meta.url).resolve("sst/package.json"));
  return fromSst("esbuild") as ReturnType<typeof sstEsbuild>;
}

export type { Metafile };
