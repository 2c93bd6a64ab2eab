import { createHash, createHmac } from "node:crypto";
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import * as z from "zod";

/**
 * Manage tokens (guarantee 6 in docs/architecture.md): derived, never stored. The token is the HMAC-SHA-256 of
 * (participation id, token version) under the stage secret, cut to 144 bits (24 base64url
 * characters: short enough for an SMS, above the 128 bits required). Only its SHA-256 is stored,
 * for look-up; bumping the version revokes every earlier link.
 */
const TOKEN_BYTES = 18;

export function secret(): string {
  const value = process.env.RDV_TOKEN_SECRET;
  if (!value || value.length < 32) {
    throw new Error("RDV_TOKEN_SECRET must be set to at least 32 characters");
  }
  return value;
}

export function derive(participationId: string, version: number, key: string = secret()): string {
  return createHmac("sha256", key)
    .update(`${participationId}:${version}`)
    .digest()
    .subarray(0, TOKEN_BYTES)
    .toString("base64url");
}

export function hash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

const FORMAT = /^[A-Za-z0-9_-]{24}$/;

export function looksValid(token: string): boolean {
  return FORMAT.test(token);
}

/** A manage token as it appears in a link (a path parameter): checked before any look-up. */
export const Token = z.string().regex(FORMAT, "lien de gestion invalide (24 caractères : lettres, chiffres, '-' ou '_')");

let loading: Promise<void> | undefined;

/**
 * On AWS the stage secret lives in Secrets Manager (`RDV_TOKEN_SECRET_ARN`), readable only by
 * the functions that build or read links; it is read once per container. Locally
 * RDV_TOKEN_SECRET is set directly and this does nothing. `client` is the Secrets Manager client
 * to read it with (the import command's, for a stage's region and the operator's credentials).
 */
export function loadSecret(client?: SecretsManagerClient): Promise<void> {
  const arn = process.env.RDV_TOKEN_SECRET_ARN;
  if (!arn || process.env.RDV_TOKEN_SECRET) return Promise.resolve();
  loading ??= (async () => {
    const { GetSecretValueCommand, SecretsManagerClient } = await import("@aws-sdk/client-secrets-manager");
    const result = await (client ?? new SecretsManagerClient({})).send(new GetSecretValueCommand({ SecretId: arn }));
    if (!result.SecretString) throw new Error("the manage-token secret is empty");
    process.env.RDV_TOKEN_SECRET = result.SecretString;
  })().finally(() => {
    loading = undefined;
  });
  return loading;
}
