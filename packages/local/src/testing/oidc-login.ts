/**
 * Signs in at the local OIDC provider over plain HTTP, as a browser would (its cookies kept,
 * redirects followed by hand), from RDV's authorisation URL to the redirect back to RDV's
 * callback. Returns that callback URL, with `code` and `state` (or `error`).
 */
export async function loginAtLocalProvider(authorizationUrl: string, person: { email: string; verified?: boolean; cancel?: boolean }, callbackPrefix: string): Promise<URL> {
  const jar = new Map<string, string>();
  const send = async (url: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (jar.size) headers.set("cookie", [...jar].map(([name, value]) => `${name}=${value}`).join("; "));
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const eq = pair.indexOf("=");
      if (eq > 0) jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return response;
  };
  let url = authorizationUrl;
  for (let hop = 0; hop < 10; hop++) {
    if (url.startsWith(callbackPrefix)) return new URL(url);
    const response = await send(url);
    const location = response.headers.get("location");
    if (location) {
      url = new URL(location, url).href;
      continue;
    }
    if (response.status !== 200 || !/\/interaction\//.test(url)) throw new Error(`unexpected ${response.status} at ${url}: ${await response.text()}`);
    const form = new URLSearchParams({ email: person.email, action: person.cancel ? "cancel" : "login" });
    if (person.verified !== false) form.set("verified", "1");
    const posted = await send(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form.toString() });
    const next = posted.headers.get("location");
    if (!next) throw new Error(`the login form answered ${posted.status}: ${await posted.text()}`);
    url = new URL(next, url).href;
  }
  throw new Error(`too many redirects from ${authorizationUrl}`);
}
