// Server-side only. The site's server calls the API for the usager or the agent, so the API
// would see the site's address for everyone: the per-client limits (bookings, searches,
// sign-in attempts) need the person's own address. The site sends it with the stage's site key
// (RDV_SITE_KEY, shared with the API), which is what makes the API trust it.

export const CLIENT_ADDRESS_HEADER = "x-rdv-client-ip";
export const SITE_KEY_HEADER = "x-rdv-site-key";

/**
 * The address the site's own front saw: the right-most X-Forwarded-For entry (CloudFront
 * appends the viewer's address; entries to its left were written by the client and prove
 * nothing). Locally, Next.js sets the header to the socket's address.
 */
export function clientAddress(headers: Headers): string | undefined {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").map((part) => part.trim()).filter(Boolean).pop();
  return last || headers.get("x-real-ip") || undefined;
}

/** Headers that carry the client's address to the API (none when the stage has no site key). */
export function clientHeaders(headers: Headers): Record<string, string> {
  const key = process.env.RDV_SITE_KEY;
  const address = clientAddress(headers);
  return key && address ? { [CLIENT_ADDRESS_HEADER]: address, [SITE_KEY_HEADER]: key } : {};
}

/** The same, for the request being served (server components and server actions). */
export async function currentClientHeaders(): Promise<Record<string, string>> {
  if (!process.env.RDV_SITE_KEY) return {};
  try {
    const { headers } = await import("next/headers");
    return clientHeaders(await headers());
  } catch (error) {
    // outside a request (build time): no client to forward
    if (error instanceof Error && /outside a request scope|headers/i.test(error.message)) return {};
    throw error;
  }
}
