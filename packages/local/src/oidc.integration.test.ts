/**
 * ProConnect sign-in end to end over HTTP, against the local stack's real OIDC provider
 * (`oidc-provider`): the start and callback handlers, the provider's login, discovery, PKCE, the
 * code exchange and the ID token checks. Account matching itself is covered in core
 * (session/oidc.integration.test.ts).
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Agent from "@rdv/core/agent";
import * as Clock from "@rdv/core/clock";
import * as DepartmentFile from "@rdv/core/department-file";
import * as Session from "@rdv/core/session";
import { smallDepartment } from "@rdv/core/testing/department-fixture";
import * as Auth from "@rdv/functions/agent-auth";
import { invoke } from "@rdv/functions/testing/invoke";
import { startLocalOidcProvider, type LocalOidcProvider } from "./oidc-provider";
import { loginAtLocalProvider } from "./testing/oidc-login";

const p = `o${randomUUID().slice(0, 6)}`;
const id = (name: string) => `${p}-${name}`;
const email = (name: string) => `${p}.${name}@demo.rdv.local`;
const CALLBACK = `${process.env.PUBLIC_URL}/v1/agent/auth/oidc/callback`;
const demoStage = JSON.parse(readFileSync(new URL("../../../config/stages/demo.json", import.meta.url), "utf8")) as Record<string, unknown>;
let provider: LocalOidcProvider;

function useStage(extra: Record<string, unknown>) {
  process.env.RDV_STAGE_SETTINGS = JSON.stringify({ ...demoStage, proConnect: { issuer: provider.issuer, clientId: provider.clientId }, ...extra });
}

beforeAll(async () => {
  Clock.startAt(new Date("2026-12-01T08:00:00Z"));
  provider = await startLocalOidcProvider({ port: 0, redirectUris: [CALLBACK] });
  process.env.RDV_OIDC_CLIENT_SECRET = provider.clientSecret;
  useStage({});
  await DepartmentFile.load(department());
});

/** alice and bruno, and dora (never signed in with ProConnect here, for the unverified e-mail) */
function department(aliceEmail = email("alice")) {
  const base = smallDepartment(p);
  return {
    ...base,
    agents: [
      ...base.agents!.map((a) => (a.id === id("alice") ? { ...a, email: aliceEmail } : a)),
      { id: id("dora"), email: email("dora"), firstName: "Dora", lastName: "Petit", organisationIds: [id("mds-lens")], serviceIds: [id("social")], role: "agent" as const },
    ],
  };
}
afterAll(async () => {
  await provider?.close();
  process.env.RDV_STAGE_SETTINGS = JSON.stringify(demoStage);
});

let clients = 0;
const start = async (suite?: string) => {
  const response = await invoke(Auth.oidcStart, { query: suite ? { suite } : {}, sourceIp: `198.51.100.${++clients}` });
  expect(response.status).toBe(302);
  const cookie = response.cookies.find((c) => c.startsWith("rdv_oidc="))!;
  expect(cookie).toMatch(/^rdv_oidc=[A-Za-z0-9_-]{43}; HttpOnly; Secure; SameSite=Lax; Path=\/v1\/agent\/auth\/oidc; Max-Age=600$/);
  return { location: new URL(response.headers.location!), cookie: cookie.split(";")[0]! };
};
const callback = (url: URL, cookie?: string) => invoke(Auth.oidcCallback, { path: url.pathname, query: Object.fromEntries(url.searchParams), cookies: cookie ? [cookie] : [] });
const sessionOf = (response: Awaited<ReturnType<typeof callback>>) => response.cookies.find((c) => c.startsWith("rdv_session="))?.split(";")[0]!.slice("rdv_session=".length);
const refusedWith = (code: string) => `/agent/connexion/proconnect?erreur=${encodeURIComponent(code)}`;

describe("ProConnect sign-in against the local OIDC provider", () => {
  it("sends the browser to the provider with PKCE (S256), state, nonce and the registered redirect URI", async () => {
    const { location } = await start();
    expect(location.origin).toBe(provider.issuer);
    const params = Object.fromEntries(location.searchParams);
    expect(Object.keys(params).sort()).toEqual(["client_id", "code_challenge", "code_challenge_method", "nonce", "redirect_uri", "response_type", "scope", "state"]);
    expect(params).toMatchObject({ client_id: "rdv-local", response_type: "code", code_challenge_method: "S256", redirect_uri: CALLBACK, scope: "openid email given_name usual_name" });
    expect(params.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("signs a known agent in by their verified e-mail, then by their sub alone once linked, back to the page asked for", async () => {
    const first = await start("/agent/statistiques");
    const back = await loginAtLocalProvider(first.location.href, { email: email("alice") }, CALLBACK);
    const response = await callback(back, first.cookie);
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe("/agent/statistiques");
    expect(response.cookies).toContain("rdv_oidc=; HttpOnly; Secure; SameSite=Lax; Path=/v1/agent/auth/oidc; Max-Age=0");
    const ctx = await Session.fromToken(sessionOf(response), Clock.now());
    expect([ctx.agentId, ctx.organisationId]).toEqual([id("alice"), id("mds-arras")]);
    expect((await Agent.get(id("alice")))!.oidcSubject).toMatch(new RegExp(`^${provider.issuer} local-[0-9a-f]{24}$`));

    // the account's e-mail changes in RDV: the provider's sub still finds it
    await DepartmentFile.load(department(email("alice-nouvelle")));
    const second = await start();
    const again = await callback(await loginAtLocalProvider(second.location.href, { email: email("alice") }, CALLBACK), second.cookie);
    expect(again.headers.location).toBe("/agent");
    expect((await Session.fromToken(sessionOf(again), Clock.now())).agentId).toBe(id("alice"));
  });

  it("refuses a wrong state, and a callback without the browser's attempt cookie, opening no session", async () => {
    const attempt = await start();
    const back = await loginAtLocalProvider(attempt.location.href, { email: email("bruno") }, CALLBACK);
    const forged = new URL(back);
    forged.searchParams.set("state", "etat-falsifie");
    const wrong = await callback(forged, attempt.cookie);
    expect([wrong.status, wrong.headers.location, sessionOf(wrong)]).toEqual([302, refusedWith("auth.oidc_failed"), undefined]);
    // the attempt served once: the genuine answer is refused after a wrong one
    expect((await callback(back, attempt.cookie)).headers.location).toBe(refusedWith("auth.oidc_failed"));

    const other = await start();
    const noCookie = await callback(await loginAtLocalProvider(other.location.href, { email: email("bruno") }, CALLBACK));
    expect([noCookie.headers.location, sessionOf(noCookie)]).toEqual([refusedWith("auth.oidc_failed"), undefined]);
  });

  it("refuses a replayed code: the same callback twice, and the code with another attempt", async () => {
    const attempt = await start();
    const back = await loginAtLocalProvider(attempt.location.href, { email: email("bruno") }, CALLBACK);
    const first = await callback(back, attempt.cookie);
    expect(first.headers.location).toBe("/agent");
    const replay = await callback(back, attempt.cookie);
    expect([replay.headers.location, sessionOf(replay)]).toEqual([refusedWith("auth.oidc_failed"), undefined]);
    // a fresh attempt of the same browser cannot take the old code either (state and PKCE differ)
    const fresh = await start();
    const reused = await callback(back, fresh.cookie);
    expect([reused.headers.location, sessionOf(reused)]).toEqual([refusedWith("auth.oidc_failed"), undefined]);
  });

  it("never creates an account: an unknown e-mail and an unverified one are refused with their own page", async () => {
    const unknown = await start();
    const stranger = email(`inconnu-${randomUUID().slice(0, 6)}`);
    const refused = await callback(await loginAtLocalProvider(unknown.location.href, { email: stranger }, CALLBACK), unknown.cookie);
    expect([refused.headers.location, sessionOf(refused)]).toEqual([refusedWith("auth.oidc_unknown_account"), undefined]);
    expect(await Agent.byEmail(stranger)).toBeUndefined();

    const unverified = await start();
    const notVouched = await callback(await loginAtLocalProvider(unverified.location.href, { email: email("dora"), verified: false }, CALLBACK), unverified.cookie);
    expect([notVouched.headers.location, sessionOf(notVouched)]).toEqual([refusedWith("auth.oidc_email_unverified"), undefined]);
    expect((await Agent.get(id("dora")))!.oidcSubject).toBeUndefined();
  });

  it("refuses a sign-in cancelled at the provider", async () => {
    const attempt = await start();
    const back = await loginAtLocalProvider(attempt.location.href, { email: email("bruno"), cancel: true }, CALLBACK);
    expect(back.searchParams.get("error")).toBe("access_denied");
    expect((await callback(back, attempt.cookie)).headers.location).toBe(refusedWith("auth.oidc_failed"));
  });

  it("sends the browser to a clear page when the provider cannot be reached", async () => {
    const gone = await startLocalOidcProvider({ port: 0, redirectUris: [CALLBACK] });
    await gone.close();
    try {
      process.env.RDV_STAGE_SETTINGS = JSON.stringify({ ...demoStage, proConnect: { issuer: gone.issuer, clientId: gone.clientId } });
      const response = await invoke(Auth.oidcStart, { sourceIp: `198.51.100.${++clients}` });
      expect([response.status, response.headers.location]).toEqual([302, refusedWith("auth.oidc_unavailable")]);
    } finally {
      useStage({});
    }
  });

  it("says which methods are open, and answers a clear 403 to passwords when the stage turns them off", async () => {
    await Session.setPassword(id("bruno"), "mot-de-passe-solide-2026");
    const signIn = () => invoke(Auth.signIn, { method: "POST", body: { email: email("bruno"), password: "mot-de-passe-solide-2026" }, sourceIp: `203.0.113.${++clients}` });
    expect((await invoke(Auth.methods)).body).toEqual({ password: true, proConnect: true });
    expect((await signIn()).status).toBe(200);
    try {
      useStage({ passwordSignIn: false });
      expect((await invoke(Auth.methods)).body).toEqual({ password: false, proConnect: true });
      const refused = await signIn();
      expect([refused.status, refused.body, refused.cookies]).toEqual([
        403,
        { error: { code: "auth.password_disabled", message: "La connexion par mot de passe n'est pas ouverte sur ce service : connectez-vous avec ProConnect." } },
        [],
      ]);
      const attempt = await start();
      const signedIn = await callback(await loginAtLocalProvider(attempt.location.href, { email: email("bruno") }, CALLBACK), attempt.cookie);
      expect(signedIn.headers.location).toBe("/agent");

      process.env.RDV_STAGE_SETTINGS = JSON.stringify(demoStage);
      expect((await invoke(Auth.methods)).body).toEqual({ password: true, proConnect: false });
      const off = await invoke(Auth.oidcStart);
      expect([off.status, off.headers.location]).toEqual([302, refusedWith("auth.oidc_disabled")]);
    } finally {
      useStage({});
    }
  });
});
