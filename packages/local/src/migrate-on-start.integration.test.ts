import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DynamoDBDocumentClient, PutCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, startDynamoDbLocal } from "./dynamodb-local";
import { localClient, persistentDbPath, TABLE_NAME } from "./stack";
import { ensureTable } from "./table";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), "rdv-data-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs `work` against the on-disk database of `dataDir`, started for it and stopped after. */
async function withDiskDatabase<T>(work: (client: DynamoDBDocumentClient) => Promise<T>): Promise<T> {
  const db = await startDynamoDbLocal({ dbPath: persistentDbPath(dataDir) });
  const client = DynamoDBDocumentClient.from(localClient(db.endpoint));
  try {
    return await work(client);
  } finally {
    client.destroy();
    await db.stop();
  }
}

const agentPk = "$rdv#agentid_ag-old";

/** A local database written by the code before agent days and absences had the time# keys. */
async function writeOldLayout(client: DynamoDBDocumentClient): Promise<void> {
  await ensureTable(client as unknown as Parameters<typeof ensureTable>[0], TABLE_NAME);
  const at = "2026-11-20T10:00:00.000Z";
  const items = [
    { pk: "$rdv", sk: "$department_1", __edb_e__: "department", __edb_v__: "1", code: "62", name: "Pas-de-Calais", timezone: "Europe/Paris", whitMondayWorked: false, createdAt: at, updatedAt: at },
    { pk: agentPk, sk: "$agentday_1#day_2026-12-07", __edb_e__: "agentDay", __edb_v__: "1", agentId: "ag-old", day: "2026-12-07", version: 1, busy: [{ appointmentId: "rdv-old", start: "2026-12-07T08:30:00.000Z", end: "2026-12-07T09:00:00.000Z" }] },
    { pk: agentPk, sk: "$absence_1#absenceid_abs-old", __edb_e__: "absence", __edb_v__: "1", agentId: "ag-old", absenceId: "abs-old", start: "2026-12-14T10:00", end: "2026-12-14T11:00", exceptions: [], createdAt: at, updatedAt: at },
  ];
  for (const Item of items) await client.send(new PutCommand({ TableName: TABLE_NAME, Item }));
}

describe("npm run dev on a database kept on disk by older code", () => {
  it("migrates it before serving: old-layout agent days and absences are moved, the version recorded", async () => {
    await withDiskDatabase(writeOldLayout);

    const apiPort = await freePort();
    const dev = spawn(process.execPath, ["--import", "tsx", "packages/local/src/dev.ts"], {
      cwd: root,
      env: { ...process.env, RDV_DATA_DIR: dataDir, API_PORT: String(apiPort), RDV_OIDC: "off", RDV_WEB: "off", RDV_LOOPS: "off", RDV_DEPARTMENT_FILE: "", RDV_DYNAMODB_ENDPOINT: "", RDV_TABLE: "", RDV_LISTEN_HOST: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    dev.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    dev.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<void>((resolve) => dev.once("exit", () => resolve()));
    try {
      const deadline = Date.now() + 60_000;
      while (!output.includes("Ctrl+C") && Date.now() < deadline && dev.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 250));
      expect(output).toContain("Migration 0001 (agent-time-keys) appliquée : scanned=");
      expect(output).toMatch(/found=2 daysMoved=1 absencesMoved=1 /);
      expect(output).toContain("Migration 0002 (place-busy-time) appliquée : scanned=");
      expect(output).toMatch(/Base {9}: DynamoDB Local http:\/\/127\.0\.0\.1:\d+ \(.*dynamodb, migration 3\)/);
      expect(await (await fetch(`http://127.0.0.1:${apiPort}/v1/health`)).json()).toEqual({ ok: true });
    } finally {
      dev.kill("SIGTERM");
      await exited;
    }

    const items = await withDiskDatabase(async (client) => (await client.send(new ScanCommand({ TableName: TABLE_NAME }))).Items ?? []);
    const agent = items.filter((item) => item.pk === agentPk).map((item) => [item.sk, item.busy ?? item.start]);
    expect(agent.sort()).toEqual([
      ["time#2026-12-07", JSON.stringify([["rdv-old", "2026-12-07T08:30:00.000Z", "2026-12-07T09:00:00.000Z"]])],
      ["time#~absence#abs-old", "2026-12-14T10:00"],
    ]);
    expect(items.find((item) => item.pk === "migration")).toMatchObject({ version: 3, name: "appointment-versions" });
    // the moved absence is in the index of running absences (0001 writes it through today's entity)
    expect(items.find((item) => item.sk === "time#~absence#abs-old")).toMatchObject({ lastDay: "2026-12-14", gsi1sk: expect.any(String) });
  }, 180_000);
});
