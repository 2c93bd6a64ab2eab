import { createHash, createHmac } from "node:crypto";

/**
 * Manage tokens (DESIGN guarantee 6): derived, never stored. The token is the HMAC-SHA-256 of
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

export function looksValid(token: string): boolean {
  return /^[A-Za-z0-9_-]{24}$/.test(token);
}
