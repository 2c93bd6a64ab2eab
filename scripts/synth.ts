/**
 * `npm run synth -- --stage <name> [--out infra.out] [--no-bundle]`: writes the CloudFormation
 * templates a stage would deploy, as JSON under infra.out/<stage>/, offline and without AWS
 * credentials (SST's App under NODE_ENV=test, as the stack tests do; `sst build` would hang
 * offline). Functions are bundled as for a deploy unless --no-bundle (faster, same templates
 * but for asset hashes).
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { synthesizeOffline } from "../stacks/offline";

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      stage: { type: "string" },
      out: { type: "string", default: "infra.out" },
      region: { type: "string" },
      "no-bundle": { type: "boolean", default: false },
    },
  });
  if (!values.stage) {
    console.error("Usage : npm run synth -- --stage <name> [--out infra.out] [--region eu-west-3] [--no-bundle]");
    return 2;
  }
  const started = Date.now();
  const synth = await synthesizeOffline({ stage: values.stage, region: values.region, bundle: !values["no-bundle"] });

  const outDir = resolve(values.out, values.stage);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const [stackName, template] of Object.entries(synth.templates)) {
    writeFileSync(join(outDir, `${stackName}.template.json`), `${JSON.stringify(template, null, 2)}\n`);
  }

  console.log(`${Object.keys(synth.templates).length} templates written to ${relative(process.cwd(), outDir)}/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (values["no-bundle"]) console.log("NOTE: --no-bundle: function assets are placeholders (templates otherwise identical).");
  if (synth.webStub) {
    console.log("NOTE: packages/web has no OpenNext build (.open-next): the Web stack was synthesized from a stub site.");
    console.log("      For the real site: (cd packages/web && npx @opennextjs/aws@3.9.16 build), then run synth again.");
  }
  if (synth.missingHandlers.length) {
    console.log("NOTE: these handlers do not exist yet; a placeholder (stacks/stub/missing-handler.ts) stands in for them:");
    for (const handler of synth.missingHandlers) console.log(`      ${handler}`);
    console.log("      `sst deploy` refuses to deploy until they exist.");
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
