/**
 * Every Lambda handler of the route table and the background functions, bundled for production
 * as the deploy would (esbuild: one file per handler, ESM, minified, Node 22, everything bundled —
 * the AWS SDK v3 too, since the nodejs22.x runtime does not promise a version of it), then loaded
 * with `import()` in fresh Node processes next to a hello-world handler bundled the same way.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { backgroundFunctions, routes } from "../packages/functions/src/routes";
import { repoRoot } from "../packages/local/src/repo-root";
import { percentile } from "./stats";

export interface BundleRow {
  name: string;
  handler: string;
  sizeKb: number;
  loadMs: number;
  helloWorldLoadMs: number;
}

/** Handler specs (`packages/functions/src/file.export`), each once. */
export function handlerSpecs(): string[] {
  const specs = [...routes.map((route) => route.handler), ...Object.values(backgroundFunctions).map((fn) => fn.handler)];
  return [...new Set(specs)];
}

/** `public-catalogue.slots` from `packages/functions/src/public-catalogue.slots` */
export function shortName(spec: string): string {
  return spec.replace(/^packages\/functions\/src\//, "");
}

/** Median of `runs` `import()` times of a module, each in a fresh Node process (Lambda's cold start of the module). */
export function loadTime(file: string, runs: number): number {
  const script = `const t=performance.now();await import(${JSON.stringify(pathToFileURL(file).href)});process.stdout.write(String(performance.now()-t));`;
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      encoding: "utf8",
      // what a Lambda has: a region, no endpoint override, nothing of the local stack
      env: { PATH: process.env.PATH ?? "", AWS_REGION: "eu-west-3", RDV_TABLE: "rdv", NODE_ENV: "production" },
    });
    if (result.status !== 0) throw new Error(`loading ${file} failed: ${result.stderr}`);
    samples.push(Number(result.stdout));
  }
  return Math.round(percentile(samples, 50) * 10) / 10;
}

export async function measureBundles(options: { runs?: number } = {}): Promise<{ rows: BundleRow[]; helloWorldLoadMs: number; helloWorldSizeKb: number; buildMs: number }> {
  const runs = options.runs ?? 7;
  const dir = mkdtempSync(join(tmpdir(), "rdv-bench-bundles-"));
  try {
    const specs = handlerSpecs();
    const entries: Record<string, string> = {};
    specs.forEach((spec, i) => {
      const dot = spec.lastIndexOf(".");
      const source = join(repoRoot(), `${spec.slice(0, dot)}.ts`);
      const entry = join(dir, `entry-${i}.ts`);
      // one handler per bundle: the file's other exports are left out when unused
      writeFileSync(entry, `export { ${spec.slice(dot + 1)} as handler } from ${JSON.stringify(source)};\n`);
      entries[`h${i}`] = entry;
    });
    const hello = join(dir, "hello.ts");
    writeFileSync(hello, `export const handler = async () => ({ statusCode: 200, body: "hello" });\n`);
    entries.hello = hello;
    const started = performance.now();
    await build({
      entryPoints: entries,
      outdir: join(dir, "out"),
      outExtension: { ".js": ".mjs" },
      bundle: true,
      minify: true,
      platform: "node",
      target: "node22",
      format: "esm",
      // CommonJS dependencies inside an ES module bundle need `require` (as SST adds it)
      banner: { js: `import{createRequire as __rdvCreateRequire}from"node:module";const require=__rdvCreateRequire(import.meta.url);` },
      absWorkingDir: repoRoot(),
      logLevel: "error",
    });
    const buildMs = performance.now() - started;
    const sizeKb = (name: string) => Math.round((statSync(join(dir, "out", `${name}.mjs`)).size / 1024) * 10) / 10;
    const helloWorldLoadMs = loadTime(join(dir, "out", "hello.mjs"), runs);
    const rows = specs.map((spec, i): BundleRow => ({
      name: `bundle-${shortName(spec)}`,
      handler: spec,
      sizeKb: sizeKb(`h${i}`),
      loadMs: loadTime(join(dir, "out", `h${i}.mjs`), runs),
      helloWorldLoadMs,
    }));
    return { rows, helloWorldLoadMs, helloWorldSizeKb: sizeKb("hello"), buildMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
