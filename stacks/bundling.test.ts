/**
 * The deployed bundles' one substitution: ElectroDB's model check (`jsonschema`) replaced by
 * electrodb-model-check.cjs. Built here as `sst deploy` builds a function (the bench's builder),
 * then loaded in a fresh Node as Lambda loads it: a function whose Service joins every entity must
 * still tell models from entities, or it throws at load.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LAMBDA_NODE_OPTIONS, NODEJS_BUNDLING, esbuildOptions, sstEsbuild } from "./bundling";

const root = resolve(__dirname, "..");
const out = mkdtempSync(join(tmpdir(), "rdv-bundle-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("deployed bundles", () => {
  it("leave ElectroDB's model check out and still load a function whose Service joins every entity", async () => {
    const entry = join(root, "packages/functions/src/agent-configuration.ts");
    const { options, outfile } = esbuildOptions(NODEJS_BUNDLING, entry, out, root);
    const { metafile } = await sstEsbuild().build(options);
    const inputs = Object.keys(metafile?.outputs ?? {}).flatMap((file) => Object.keys((metafile?.outputs[file] as { inputs?: object } | undefined)?.inputs ?? {}));
    expect(inputs.some((input) => input.includes("node_modules/jsonschema/"))).toBe(false);
    expect(inputs).toContain("stacks/electrodb-model-check.cjs");

    // what loads at start: the entry and the chunks it imports statically, not the lazy ones
    const outputs = (metafile?.outputs ?? {}) as Record<string, { imports: Array<{ path: string; kind: string; external?: boolean }> }>;
    const entryOutput = Object.keys(outputs).find((file) => resolve(root, file) === outfile);
    expect(entryOutput).toBeDefined();
    const atStart = new Set<string>([entryOutput!]);
    for (const file of atStart) for (const i of outputs[file]?.imports ?? []) if (i.kind === "import-statement" && !i.external) atStart.add(i.path);
    const staticBuiltins = [...atStart].flatMap((file) => (outputs[file]?.imports ?? []).filter((i) => i.kind === "import-statement" && i.external).map((i) => i.path));
    expect(staticBuiltins).toContain("node:timers"); // the check sees built-ins imported at start
    expect(staticBuiltins).not.toContain("node:http");

    const script = `const m = await import(${JSON.stringify(outfile)}); console.log(Object.keys(m).length > 0 ? "loaded" : "empty");`;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", AWS_REGION: "eu-west-3", RDV_TABLE: "rdv", NODE_ENV: "production", NODE_OPTIONS: LAMBDA_NODE_OPTIONS },
    });
    expect(run.stderr).toBe("");
    expect(run.stdout.trim()).toBe("loaded");
  }, 60_000);
});
