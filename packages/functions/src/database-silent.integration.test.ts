import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * A database that accepts connections and never answers (a hung endpoint, a black-holed
 * network): health gives up after a second, and a request gives up after the client's request
 * timeout and retries — a 503, not a Lambda held until its own timeout.
 */
let silent: Server;
const sockets = new Set<Socket>();

beforeAll(async () => {
  silent = createServer((socket) => {
    sockets.add(socket); // read nothing, answer nothing
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", () => resolve()));
  const address = silent.address();
  // before anything creates the process's client: it points at the silent server
  process.env.RDV_DYNAMODB_ENDPOINT = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  process.env.RDV_DYNAMODB_REQUEST_TIMEOUT_MS = "300";
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

describe("with a database that never answers", () => {
  it("health answers 503 {ok:false} within its one-second budget; a public route 503 after the client's timeouts", async () => {
    const { invoke } = await import("./testing/invoke");
    const Health = await import("./health");
    const Motifs = await import("./public-motifs");
    let started = Date.now();
    expect(await invoke(Health.handler)).toMatchObject({ status: 503, body: { ok: false, database: "unavailable" } });
    expect(Date.now() - started).toBeLessThan(1_500);
    started = Date.now();
    expect(await invoke(Motifs.handler, { query: { commune: "62041" } })).toMatchObject({ status: 503, body: { error: { code: "service.unavailable" } } });
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 30_000);
});
