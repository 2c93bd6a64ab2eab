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
  // The agent pages call the API from the browser at /v1/… on the site's own origin (so the
  // session cookie is first-party, locally and on AWS). A rewrite's destination is fixed at build
  // time, so /v1/… goes to a route handler that reads API_URL (default http://localhost:4000) at
  // request time and forwards the call.
  async rewrites() {
    return [{ source: "/v1/:path*", destination: "/agent/relais/:path*" }];
  },
};

export default nextConfig;
