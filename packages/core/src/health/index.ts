import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { docClient, isDatabaseUnavailable, tableName } from "../db/client";

export type Status = { ok: true } | { ok: false; database: "unavailable" };

/** The key read by the health check: never written, so the read is the cheapest the table offers. */
export const HEALTH_KEY = { pk: "$health", sk: "$health" };

export const TIMEOUT_MS = 1_000;

/**
 * Whether the table answers: one strongly consistent GetItem of a fixed key (served by the
 * partition's leader, so it proves the table can serve reads now), abandoned after `timeoutMs`:
 * unreachable, timing out or throttled, the database is "unavailable". Any other failure (a
 * missing table, a missing permission) is not an outage but a misconfiguration: it is thrown (500).
 * GetItem is among the table actions every function is granted (stacks/lambda.ts TABLE_ACTIONS).
 */
export async function check(timeoutMs: number = TIMEOUT_MS): Promise<Status> {
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => {
      abort.abort();
      resolve("timeout");
    }, timeoutMs);
  });
  try {
    const read = docClient()
      .send(new GetCommand({ TableName: tableName(), Key: HEALTH_KEY, ConsistentRead: true }), { abortSignal: abort.signal })
      .then(() => "ok" as const);
    const outcome = await Promise.race([read, timedOut]);
    // the aborted read rejects later: nobody waits for it any more
    read.catch(() => undefined);
    return outcome === "ok" ? { ok: true } : { ok: false, database: "unavailable" };
  } catch (error) {
    if (isDatabaseUnavailable(error)) return { ok: false, database: "unavailable" };
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
