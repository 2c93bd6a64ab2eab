import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

/**
 * Where a webhook may be sent (server-side request forgery): only to public unicast addresses,
 * over HTTPS. The local stack (`RDV_WEBHOOK_ALLOW_LOOPBACK=1`) also allows loopback addresses,
 * over HTTP too, so a receiver on 127.0.0.1 can be tried. The check runs when a subscription is
 * saved and again at each delivery, on the addresses the request then connects to (a name that
 * later resolves elsewhere — DNS rebinding — is refused then).
 */
export type Resolver = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true, verbatim: true });
let resolver: Resolver = systemResolver;

/** Tests resolve names their own way (a name resolving to 10.x); undefined restores the system's. */
export function useResolver(next: Resolver | undefined): void {
  resolver = next ?? systemResolver;
}

export function allowLoopback(): boolean {
  return process.env.RDV_WEBHOOK_ALLOW_LOOPBACK === "1";
}

export type Refusal = "invalid_url" | "https_required" | "address_refused" | "unresolved";

export class AddressRefused extends Error {
  constructor(readonly reason: Refusal) {
    super(reason);
    this.name = "AddressRefused";
  }
}

/** The range of an address, IPv4-mapped IPv6 (`::ffff:10.0.0.1`) read as the IPv4 it carries. */
export function rangeOf(address: string): string {
  return ipaddr.process(address).range();
}

function allowed(address: string, loopbackToo: boolean): boolean {
  const range = rangeOf(address);
  return range === "unicast" || (loopbackToo && range === "loopback");
}

/** The URL's host, without the brackets of an IPv6 literal. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

/**
 * The addresses a delivery to this URL may connect to, or an `AddressRefused`: every address the
 * name resolves to must be allowed (one private answer among public ones is refused too).
 */
export async function check(raw: string, loopbackToo = allowLoopback()): Promise<{ url: URL; addresses: Array<{ address: string; family: number }> }> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch (error) {
    if (error instanceof TypeError) throw new AddressRefused("invalid_url");
    throw error;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new AddressRefused("invalid_url");
  if (url.username || url.password) throw new AddressRefused("invalid_url");
  const host = hostOf(url);
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await resolve(host);
  if (addresses.length === 0) throw new AddressRefused("unresolved");
  if (!addresses.every((a) => allowed(a.address, loopbackToo))) throw new AddressRefused("address_refused");
  // plain HTTP only to this machine, and only where loopback is allowed (the local stack)
  if (url.protocol === "http:" && !(loopbackToo && addresses.every((a) => rangeOf(a.address) === "loopback"))) throw new AddressRefused("https_required");
  return { url, addresses };
}

async function resolve(host: string) {
  try {
    return await resolver(host);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "ENODATA") throw new AddressRefused("unresolved");
    throw error;
  }
}
