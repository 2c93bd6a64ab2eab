import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import * as Audit from "../audit";
import { isConditionFailure } from "../db/condition";
import { transact } from "../db/transact";
import { NotFoundError } from "../error";
import * as RateLimit from "../rate-limit";
import { ApiKeyCreateInput, type ApiKeyCreated, type ApiKeyInfo, type ApiScope } from "../schema/api";
import * as Limits from "../limits";
import { ForbiddenError, UnauthorizedError, assertAdmin, type AgentContext } from "../session";
import { Id } from "../schema/common";
import { fn, validate } from "../validate";
import { ApiKeyEntity } from "./api-key.entity";

/**
 * API keys: an organisation admin creates one for a business tool (shown once, stored hashed),
 * lists and revokes them. A request with `Authorization: Bearer <key>` acts as an admin of the
 * key's organisation, nothing more (`contextOf`), within the key's scopes and its rate limit.
 */

/** `rdv_` then the key's id then 256 random bits: the prefix lets secret scanners spot a leaked key. */
const KEY = /^rdv_(k[0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/** An agent context (what every domain function takes) for a key: an admin of its organisation and of nothing else. */
export interface KeyContext extends AgentContext {
  apiKeyId: string;
  scopes: ApiScope[];
}

/** The pseudo-agent id under which a key's actions are recorded (audit, createdByAgentId). */
export const actorId = (keyId: string) => `apikey:${keyId}`;

function info(item: { keyId: string; name: string; organisationId: string; scopes: string[]; createdAt: string; createdByName: string; lastUsedAt?: string }): ApiKeyInfo {
  return {
    id: item.keyId,
    name: item.name,
    organisationId: item.organisationId,
    scopes: item.scopes as ApiScope[],
    createdAt: item.createdAt,
    createdBy: item.createdByName,
    lastUsedAt: item.lastUsedAt ?? null,
  };
}

/** POST /v1/agent/api-keys: admins of the organisation only. The key is in the answer and nowhere else. */
export const create = fn(ApiKeyCreateInput, async (input, ctx: AgentContext, now: Date): Promise<ApiKeyCreated> => {
  assertAdmin(ctx, input.organisationId);
  const keyId = `k${randomBytes(8).toString("hex")}`;
  const key = `rdv_${keyId}_${randomBytes(32).toString("base64url")}`;
  await transact(async () => ({
    write: (e) => ({
      items: [
        e.apiKey
          .create({
            keyId, organisationId: input.organisationId, name: input.name, scopes: [...input.scopes], keyHash: sha256(key),
            createdByAgentId: ctx.agentId, createdByName: `${ctx.firstName} ${ctx.lastName}`, createdAt: now.toISOString(),
          })
          .commit(),
        ...Audit.configWrites(e, {
          organisationIds: [input.organisationId], actor: ctx, subject: "api_key", subjectId: keyId, action: "created",
          changes: { name: [null, input.name], scopes: [null, input.scopes] }, now,
        }),
      ],
    }),
    committed: () => undefined,
  }));
  return { id: keyId, key };
});

/** GET /v1/agent/api-keys?organisationId: the organisation's keys, oldest first (admins only). */
export async function list(organisationIdInput: unknown, ctx: AgentContext): Promise<ApiKeyInfo[]> {
  const organisationId = validate(Id, organisationIdInput, { prefix: "organisationId" });
  assertAdmin(ctx, organisationId);
  const result = await ApiKeyEntity.query.byOrganisation({ organisationId }).go({ pages: "all" });
  return result.data.map(info).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

const notFound = () => new NotFoundError("api_key.not_found", "Cette clé d'API n'existe pas ou ne vous est pas accessible.");

/** DELETE /v1/agent/api-keys/{id}: the key stops working at once (its item is gone). Admins of its organisation only. */
export async function revoke(keyId: string, ctx: AgentContext, now: Date): Promise<void> {
  const item = (await ApiKeyEntity.get({ keyId }).go({ consistent: true })).data;
  if (!item || !ctx.memberships.some((m) => m.organisationId === item.organisationId)) throw notFound();
  assertAdmin(ctx, item.organisationId);
  await transact(async () => ({
    write: (e) => ({
      items: [
        e.apiKey.delete({ keyId }).where((attr, op) => op.exists(attr.keyId)).commit(),
        ...Audit.configWrites(e, {
          organisationIds: [item.organisationId], actor: ctx, subject: "api_key", subjectId: keyId, action: "deleted",
          changes: { name: [item.name, null], scopes: [item.scopes, null] }, now,
        }),
      ],
    }),
    committed: () => undefined,
    // revoked meanwhile by another admin
    cancelled: (reasons) => {
      if (reasons[0]?.code === "ConditionalCheckFailed") throw notFound();
      return undefined;
    },
  }));
}

const invalidKey = () => new UnauthorizedError("Clé d'API manquante, inconnue ou révoquée : envoyez l'en-tête Authorization: Bearer <clé>.");

/** How often a key's "last used" is written: at most once a minute, not at every request. */
const LAST_USED_STEP_MS = 60_000;

/**
 * The context of a request's `Authorization` header: 401 when the key is missing, malformed,
 * unknown or revoked; 429 past the key's requests per minute (stage setting
 * `limits.apiRequestsPerKeyPerMinute`).
 */
export async function contextOf(authorization: string | undefined, now: Date): Promise<KeyContext> {
  const key = /^Bearer (\S+)$/i.exec(authorization?.trim() ?? "")?.[1];
  const match = key ? KEY.exec(key) : null;
  if (!key || !match) throw invalidKey();
  const keyId = match[1]!;
  const item = (await ApiKeyEntity.get({ keyId }).go({ consistent: true })).data;
  if (!item || !timingSafeEqual(Buffer.from(item.keyHash, "hex"), Buffer.from(sha256(key), "hex"))) throw invalidKey();
  const limit = { key: `apikey#${keyId}`, limit: Limits.current().apiRequestsPerKeyPerMinute, windowSeconds: 60 };
  const taken = await RateLimit.take(limit, now);
  if (!taken.granted) {
    throw new RateLimit.RateLimitedError("limit.api_key_requests", "Trop de requêtes avec cette clé d'API : réessayez dans un instant.", taken.retryAfterSeconds);
  }
  if (!item.lastUsedAt || now.getTime() - Date.parse(item.lastUsedAt) >= LAST_USED_STEP_MS) {
    // the key may be revoked meanwhile: then nothing is written back
    await ApiKeyEntity.patch({ keyId })
      .set({ lastUsedAt: now.toISOString() })
      .go({ response: "none" })
      .catch((error: unknown) => {
        if (!isConditionFailure(error)) throw error;
      });
  }
  return {
    agentId: actorId(keyId),
    firstName: "Clé d'API",
    lastName: item.name,
    email: "",
    organisationId: item.organisationId,
    memberships: [{ organisationId: item.organisationId, role: "admin", serviceIds: [] }],
    csrfToken: "",
    apiKeyId: keyId,
    scopes: item.scopes as ApiScope[],
  };
}

/** A write needs the `write` scope (403 otherwise). */
export function assertCanWrite(ctx: KeyContext): void {
  if (!ctx.scopes.includes("write")) throw new ForbiddenError("Cette clé d'API est en lecture seule (portée « read »).");
}
