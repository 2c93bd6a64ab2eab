import { timingSafeEqual } from "node:crypto";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import * as Limits from "@rdv/core/limits";

/** Headers the site's server sends: it calls the API for the usager, so the usager's address travels with its key. */
export const CLIENT_ADDRESS_HEADER = "x-rdv-client-ip";
export const SITE_KEY_HEADER = "x-rdv-site-key";

function sameSecret(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The client a public request comes from, as the per-client limits count it: the usager's
 * address forwarded by the site (trusted only with the stage's site key, `RDV_SITE_KEY`), else
 * the connection's source address as API Gateway (or the local server) reports it.
 */
export function clientOf(event: APIGatewayProxyEventV2): string | undefined {
  const headers = event.headers ?? {};
  const siteKey = process.env.RDV_SITE_KEY;
  const forwarded = headers[CLIENT_ADDRESS_HEADER];
  if (siteKey && forwarded && sameSecret(headers[SITE_KEY_HEADER], siteKey)) {
    const client = Limits.clientKey(forwarded.split(",")[0]);
    if (client) return client;
  }
  return Limits.clientKey(event.requestContext?.http?.sourceIp);
}
