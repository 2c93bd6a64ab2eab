/**
 * A real OpenID Connect provider for the local stack (`oidc-provider`, the certified
 * implementation), standing in for ProConnect so the agents' ProConnect sign-in runs offline,
 * end to end: discovery, PKCE, signed ID tokens, userinfo. Its login page asks for an e-mail and
 * whether the provider vouches for it (`email_verified`); the `sub` is derived from the e-mail,
 * so a person keeps theirs from one sign-in to the next.
 */
import { createHash, generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";

export const LOCAL_OIDC_CLIENT_ID = "rdv-local";
const SCOPES = ["openid", "email", "given_name", "usual_name"];

export interface LocalOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

interface LocalAccount {
  email: string;
  emailVerified: boolean;
}

/** The `sub` of an e-mail at the local provider: stable, opaque, as a real provider's is. */
export function localSubject(email: string): string {
  return `local-${createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 24)}`;
}

function namesOf(email: string): { given_name: string; usual_name: string } {
  const [first = "", last = ""] = (email.split("@")[0] ?? "").split(".");
  const cap = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
  return { given_name: cap(first), usual_name: cap(last || first) };
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#161616}
label{display:block;margin:1rem 0 .25rem}input[type=email]{width:100%;padding:.5rem;font-size:1rem}
.check label{display:inline;margin-left:.5rem}button{margin:1.5rem 1rem 0 0;padding:.5rem 1rem;font-size:1rem}
.hint{color:#3a3a3a;font-size:.875rem}</style></head>
<body><main>${body}</main></body></html>`;
}

function loginPage(uid: string, hints: string[]): string {
  const examples = hints.slice(0, 3).map((email) => `<code>${escape(email)}</code>`).join(", ");
  return page(
    "Connexion — fournisseur d'identité local",
    `<h1>Fournisseur d'identité local</h1>
<p>Ce fournisseur remplace ProConnect sur la machine de développement. Indiquez l'adresse e-mail de la personne qui se connecte.</p>
<form method="post" action="/interaction/${escape(uid)}">
<label for="email">Adresse e-mail</label>
<input id="email" name="email" type="email" required autocomplete="username" list="agents" aria-describedby="email-hint">
<p id="email-hint" class="hint">${examples ? `Agents de démonstration : ${examples}…` : "Par exemple prenom.nom@demo.rdv.local"}</p>
<datalist id="agents">${hints.map((email) => `<option value="${escape(email)}"></option>`).join("")}</datalist>
<div class="check"><input id="verified" name="verified" type="checkbox" value="1" checked><label for="verified">Adresse e-mail vérifiée par le fournisseur</label></div>
<button type="submit" name="action" value="login">Se connecter</button>
<button type="submit" name="action" value="cancel" formnovalidate>Annuler</button>
</form>`,
  );
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  let raw = "";
  for await (const chunk of req) {
    raw += (chunk as Buffer).toString();
    if (raw.length > 10_000) break;
  }
  return new URLSearchParams(raw);
}

/**
 * Starts the provider on `host:port` (0: a free port). `redirectUris` are the callbacks the RDV
 * client may use; `hints` the e-mails shown on the login page (the demo agents).
 */
export async function startLocalOidcProvider(options: { port: number; host?: string; redirectUris: string[]; hints?: string[] }): Promise<LocalOidcProvider> {
  const host = options.host ?? "127.0.0.1";
  const accounts = new Map<string, LocalAccount>();
  const clientSecret = randomBytes(24).toString("base64url");
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: "jwk" }), kid: "local", use: "sig", alg: "RS256" };

  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://localhost:${port}`;

  const configuration: Configuration = {
    clients: [
      {
        client_id: LOCAL_OIDC_CLIENT_ID,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    jwks: { keys: [signingKey as never] },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    scopes: SCOPES,
    claims: { openid: ["sub"], email: ["email", "email_verified"], given_name: ["given_name"], usual_name: ["usual_name"] },
    pkce: { required: () => true },
    ttl: { Session: 8 * 3600, Grant: 8 * 3600, Interaction: 600, AuthorizationCode: 60, AccessToken: 600, IdToken: 600 },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: KoaContextWithOIDC, interaction) => `/interaction/${interaction.uid}` },
    // a first-party client: no consent screen, every scope asked is granted
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { client, session, result } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope(SCOPES.join(" "));
      await grant.save();
      return grant;
    },
    async findAccount(_ctx: KoaContextWithOIDC, sub: string) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: async () => ({ sub, email: account.email, email_verified: account.emailVerified, ...namesOf(account.email) }),
      };
    },
    renderError(ctx, out) {
      ctx.type = "html";
      ctx.body = page("Erreur", `<h1>Connexion impossible</h1><p>${escape(String(out.error_description ?? out.error))}</p>`);
    },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error("interaction mismatch");
    if (req.method === "GET") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      res.end(loginPage(uid, options.hints ?? []));
      return;
    }
    const form = await formBody(req);
    if (form.get("action") === "cancel") {
      await provider.interactionFinished(req, res, { error: "access_denied", error_description: "Connexion annulée" }, { mergeWithLastSubmission: false });
      return;
    }
    const email = (form.get("email") ?? "").trim().toLowerCase();
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
      res.writeHead(400, { "content-type": "text/html; charset=utf-8" });
      res.end(loginPage(uid, options.hints ?? []));
      return;
    }
    const sub = localSubject(email);
    accounts.set(sub, { email, emailVerified: form.get("verified") === "1" });
    await provider.interactionFinished(req, res, { login: { accountId: sub } }, { mergeWithLastSubmission: false });
  }

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const match = /^\/interaction\/([A-Za-z0-9_-]+)$/.exec(new URL(req.url ?? "/", issuer).pathname);
    if (!match) return void callback(req, res);
    interaction(req, res, match[1]!).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(400, { "content-type": "text/html; charset=utf-8" });
      res.end(page("Erreur", `<h1>Connexion impossible</h1><p>Cette demande de connexion a expiré : recommencez depuis RDV.</p>`));
      if (!(error instanceof Error && error.name === "SessionNotFound")) console.error("[oidc] interaction failed:", error instanceof Error ? error.message : error);
    });
  });

  return {
    issuer,
    clientId: LOCAL_OIDC_CLIENT_ID,
    clientSecret,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
