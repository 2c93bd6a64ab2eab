import { relative, resolve } from "node:path";
import { RemovalPolicy } from "aws-cdk-lib";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import type { CfnFunction } from "aws-cdk-lib/aws-lambda";
import { dependsOn, NextjsSite, use, type StackContext } from "sst/constructs";
import { useProject } from "sst/project.js";
import { Api } from "./Api";
import { Migrations } from "./Migrations";
import { useStage } from "./settings";

/** OpenNext release that supports Next 16 (SST v2's default, 3.5.5, predates it). */
export const OPEN_NEXT_VERSION = "3.9.16";

/**
 * The Next.js site (usager booking site and agent back office) on CloudFront + Lambda, Node 22
 * on arm64, talking to the API server-side through API_URL.
 *
 * `RDV_WEB_SITE_PATH` points the construct at another directory holding a `.open-next` build
 * (an offline synth uses a stub there when packages/web has not been built by OpenNext).
 */
export function Web({ stack, app }: StackContext) {
  const { settings } = useStage(app);
  const { api } = use(Api);
  dependsOn(Migrations); // deployed once the data migrations ran (stacks/Migrations.ts)
  const root = useProject().paths.root;
  const sitePath = process.env.RDV_WEB_SITE_PATH ?? "packages/web";

  // The site's server calls the API for each visitor; it forwards the visitor's address with this
  // key so the API's per-client limits count visitors, not the site (see functions/src/client.ts).
  // Its power is only that: choosing the address a request is counted against.
  const siteKey = new Secret(stack, "SiteKey", {
    secretName: `rdv/${app.stage}/site-key`,
    description: `RDV ${app.stage}: key with which the site forwards visitors' addresses to the API (per-client limits)`,
    generateSecretString: { passwordLength: 48, excludePunctuation: true, includeSpace: false },
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const siteKeyValue = siteKey.secretValue.unsafeUnwrap();

  const site = new NextjsSite(stack, "Site", {
    path: sitePath,
    // SST writes an sst-env.d.ts beside the site by default: keep it in .sst/, out of packages/web.
    typesPath: relative(resolve(root, sitePath), resolve(root, ".sst")),
    openNextVersion: OPEN_NEXT_VERSION,
    runtime: "nodejs22.x",
    memorySize: "1024 MB",
    environment: { API_URL: api.url, RDV_SITE_KEY: siteKeyValue },
    // The domain's hosted zone must be in Route 53 in this account (see docs/deploy.md).
    customDomain: settings.domain ? { domainName: settings.domain, hostedZone: settings.domain } : undefined,
  });

  // OpenNext's revalidation consumer is created by SST on x86_64; it is plain JS: move it to arm64.
  const revalidation = site.node.tryFindChild("RevalidationFunction")?.node.defaultChild as CfnFunction | undefined;
  if (revalidation) revalidation.architectures = ["arm64"];

  if (!site.url) throw new Error("the site has no URL (sst dev mode is not supported by these stacks)");
  const publicUrl = settings.domain ? `https://${settings.domain}` : site.url;
  stack.addOutputs({ SiteUrl: publicUrl });
  return { site, publicUrl, siteKey: siteKeyValue };
}
