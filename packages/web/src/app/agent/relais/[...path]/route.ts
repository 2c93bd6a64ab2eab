// The same-origin path of the API for the browser: next.config.ts rewrites /v1/* here, and this
// forwards to API_URL, read at request time (a rewrite's destination is fixed when the site is
// built, before the local stack or a stage knows the API's address). Cookies, the CSRF token and
// the Idempotency-Key go through; Set-Cookie and file downloads come back.
import type { NextRequest } from "next/server";
import { apiBaseUrl } from "@/lib/http";
import { clientHeaders } from "@/lib/client-address";

const REQUEST_HEADERS = ["accept", "content-type", "idempotency-key", "x-csrf-token"];
/** the only cookies the API reads: the session, its CSRF token, and a ProConnect sign-in under way */
const API_COOKIES = ["rdv_session", "rdv_csrf", "rdv_oidc"];
/** `location`: the ProConnect routes are navigations, answered with redirections */
const RESPONSE_HEADERS = ["content-type", "content-disposition", "cache-control", "retry-after", "location"];
const TIMEOUT_MS = 30_000;

function unavailable(status: number, message: string): Response {
  return Response.json({ error: { code: "service.unavailable", message } }, { status });
}

async function relay(request: NextRequest, { params }: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const { path } = await params;
  if (path.some((segment) => segment === "." || segment === ".." || segment === "")) return unavailable(404, "Adresse inconnue.");
  const target = new URL(`${apiBaseUrl()}/v1/${path.map(encodeURIComponent).join("/")}`);
  target.search = request.nextUrl.search;
  const headers = new Headers();
  for (const name of REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  for (const [name, value] of Object.entries(clientHeaders(request.headers))) headers.set(name, value);
  const cookie = request.cookies
    .getAll()
    .filter((c) => API_COOKIES.includes(c.name))
    .map((c) => `${c.name}=${encodeURIComponent(c.value)}`)
    .join("; ");
  if (cookie) headers.set("cookie", cookie);
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: request.method,
      headers,
      body: hasBody ? await request.arrayBuffer() : undefined,
      cache: "no-store",
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    console.error(`[relay] ${request.method} /v1/${path[0] ?? ""}/… failed:`, error instanceof Error ? error.message : error);
    return unavailable(502, "Le service est momentanément indisponible : merci de réessayer dans un instant.");
  }
  const out = new Headers();
  for (const name of RESPONSE_HEADERS) {
    const value = upstream.headers.get(name);
    if (value !== null) out.set(name, value);
  }
  for (const cookie of upstream.headers.getSetCookie()) out.append("set-cookie", cookie);
  if (!out.has("cache-control")) out.set("cache-control", "no-store");
  return new Response(upstream.body, { status: upstream.status, headers: out });
}

export { relay as GET, relay as POST, relay as PUT, relay as PATCH, relay as DELETE };
