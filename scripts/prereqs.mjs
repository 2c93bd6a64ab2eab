#!/usr/bin/env node
/**
 * Makes sure this machine has what `npm run dev` / `npm test` need, before they start:
 * Node 22 (brought by npm install as the `node` package), Java 17+ for DynamoDB Local, and
 * Debian's Chromium for the browser tests. As root on Debian it installs what is missing with
 * apt-get; otherwise it stops and prints the exact command to run.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const mode = process.argv[2] ?? "dev";
const isRoot = process.getuid?.() === 0;
const hasApt = spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status === 0;

function has(command, args = ["--version"]) {
  const result = spawnSync(command, args, { stdio: "ignore" });
  return !result.error && result.status === 0;
}

let aptUpdated = false;
function aptInstall(packages, why) {
  const command = `apt-get update && apt-get install -y --no-install-recommends ${packages.join(" ")}`;
  if (!isRoot || !hasApt) {
    console.error(`\n${why} is missing. Install it, then run the command again:\n\n  sudo ${command}\n`);
    process.exit(1);
  }
  console.log(`[prereqs] ${why} is missing: installing ${packages.join(", ")} from Debian's packages…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  if (!aptUpdated) {
    const update = spawnSync("apt-get", ["update"], { stdio: "inherit", env });
    if (update.status !== 0) process.exit(update.status ?? 1);
    aptUpdated = true;
  }
  const install = spawnSync("apt-get", ["install", "-y", "--no-install-recommends", ...packages], { stdio: "inherit", env });
  if (install.status !== 0) {
    console.error(`[prereqs] apt-get failed; run it yourself:\n\n  ${command}\n`);
    process.exit(install.status ?? 1);
  }
}

// Node 22 comes with `npm install` (the pinned `node` devDependency), which npm scripts put first on PATH.
const major = Number(process.versions.node.split(".")[0]);
if (major < 22) {
  const bundled = existsSync(new URL("../node_modules/.bin/node", import.meta.url));
  console.error(
    bundled
      ? "[prereqs] npm scripts should run the project's Node 22 (node_modules/.bin/node); run them through npm."
      : "[prereqs] Node 22 is installed by `npm install` (or `npm ci`): run it first.",
  );
  process.exit(1);
}

if (!has("java", ["-version"])) aptInstall(["openjdk-17-jre-headless"], "Java (for DynamoDB Local)");

if (mode === "test" && !has("chromium", ["--version"])) {
  aptInstall(["chromium"], "Chromium (for the browser tests)");
}
