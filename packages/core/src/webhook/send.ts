import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { Webhook } from "standardwebhooks";
import { AddressRefused, check } from "./address";

/** A receiver has this long to answer; its answer's body is not kept. */
export const TIMEOUT_MS = 10_000;

export interface Signed {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
}

/** The Standard Webhooks headers: `v1,` and base64 of HMAC-SHA-256 over `${id}.${timestamp}.${body}` under the secret's bytes. */
export function sign(secret: string, id: string, at: Date, body: string): Signed {
  return {
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(id, at, body),
  };
}

export type SendResult = { ok: true; statusCode: number } | { ok: false; statusCode?: number; error: string };

/**
 * POSTs the body, signed, to the URL, connecting only to the addresses checked just before (the
 * request's own look-up returns them): a name rebound to a private address between the check
 * and the connection is never reached. Redirects are not followed.
 */
export async function send(url: string, secret: string, id: string, at: Date, body: string): Promise<SendResult> {
  let checked: Awaited<ReturnType<typeof check>>;
  try {
    checked = await check(url);
  } catch (error) {
    if (error instanceof AddressRefused) return { ok: false, error: error.reason };
    throw error;
  }
  const { addresses } = checked;
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) (callback as (err: null, addresses: Array<{ address: string; family: number }>) => void)(null, addresses);
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  };
  const request = checked.url.protocol === "https:" ? httpsRequest : httpRequest;
  const payload = Buffer.from(body, "utf8");
  return new Promise<SendResult>((resolve) => {
    const req = request(
      checked.url,
      {
        method: "POST",
        lookup: pinned,
        timeout: TIMEOUT_MS,
        headers: { "content-type": "application/json", "content-length": String(payload.length), "user-agent": "RDV-Webhooks/1", ...sign(secret, id, at, body) },
      },
      (response) => {
        response.resume(); // the body is not read
        const statusCode = response.statusCode ?? 0;
        response.on("end", () => resolve(statusCode >= 200 && statusCode < 300 ? { ok: true, statusCode } : { ok: false, statusCode, error: `http_${statusCode}` }));
        response.on("error", () => resolve({ ok: false, statusCode, error: "response_error" }));
      },
    );
    req.on("timeout", () => req.destroy(Object.assign(new Error("timeout"), { code: "ETIMEDOUT" })));
    req.on("error", (error: NodeJS.ErrnoException) => resolve({ ok: false, error: error.code === "ETIMEDOUT" ? "timeout" : (error.code ?? error.name).toLowerCase() }));
    req.end(payload);
  });
}
