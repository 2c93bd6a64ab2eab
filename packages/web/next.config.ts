import path from "node:path";
import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";

// Monorepo root: dependencies are hoisted to /node_modules, so Turbopack and
// output file tracing must be allowed to look above packages/web.
const monorepoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // @rdv/core exports TypeScript source (extensionless relative imports).
  transpilePackages: ["@rdv/core"],
  turbopack: {
    root: monorepoRoot,
  },
  outputFileTracingRoot: monorepoRoot,
};

export default nextConfig;
