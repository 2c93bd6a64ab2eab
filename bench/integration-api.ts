/**
 * The integration API's row: a business tool listing a month of an organisation's appointments
 * through `GET /v1/api/appointments` (100 a page, the cursor of each page asking the next), with
 * an API key. Each sample is one page's request over HTTP, the key's check included; the pages
 * are walked again from the first once the month is read. Target: p95 ≤ 100 ms.
 */
import type { DepartmentFileInput } from "@rdv/core/schema";
import { summarise, timeSequential } from "./stats";

export const API_ROW = "api-appointments-month-page";

/** The file's organisation with the most appointments in the month of `month` (YYYY-MM). */
export function busiestOrganisation(file: DepartmentFileInput, month: string): { organisationId: string; appointments: number } {
  const organisationOf = new Map((file.motifs ?? []).map((m) => [m.id, m.organisationId]));
  const counts = new Map<string, number>();
  for (const a of file.appointments ?? []) {
    if (!a.start.startsWith(month)) continue;
    const organisationId = organisationOf.get(a.motifId);
    if (organisationId) counts.set(organisationId, (counts.get(organisationId) ?? 0) + 1);
  }
  const [organisationId, appointments] = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]!;
  return { organisationId, appointments };
}

/**
 * Measures the row against a running stack whose database this process reaches (see
 * measureStack: `configureProcess` first). Returns the row and a note for the results.
 */
export async function measureIntegrationList(options: {
  apiUrl: string;
  file: DepartmentFileInput;
  month: string;
  now: () => Date;
  warmupMs: number;
  counted: <T>(fn: () => Promise<T>) => Promise<{ requests: number; value: T }>;
}) {
  const ApiKey = await import("@rdv/core/api-key");
  const Integration = await import("@rdv/core/integration");
  const { organisationId, appointments } = busiestOrganisation(options.file, options.month);
  const admin = { agentId: "bench", firstName: "Banc", lastName: "Essai", email: "", organisationId, memberships: [{ organisationId, role: "admin" as const, serviceIds: [] }], csrfToken: "" };
  const { key } = await ApiKey.create({ name: "Banc d'essai", organisationId, scopes: ["read"] }, admin, options.now());
  const [year, month] = options.month.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const range = { from: `${options.month}-01`, to: `${options.month}-${String(last).padStart(2, "0")}` };
  const headers = { authorization: `Bearer ${key}` };

  let cursor: string | null = null;
  let pages = 0;
  let listed = 0;
  const page = async () => {
    const query = new URLSearchParams({ ...range, limit: "100", ...(cursor ? { cursor } : {}) });
    const response = await fetch(`${options.apiUrl}/v1/api/appointments?${query}`, { headers });
    const body = (await response.json()) as { appointments: unknown[]; nextCursor: string | null };
    if (response.status !== 200) throw new Error(`GET /v1/api/appointments: ${response.status} ${JSON.stringify(body)}`);
    if (!cursor) [pages, listed] = [0, 0];
    pages += 1;
    listed += body.appointments.length;
    cursor = body.nextCursor;
  };
  // one whole walk first, to know the month's size through the API
  do await page();
  while (cursor);
  const walk = { pages, listed };
  const samples = await timeSequential(async () => page(), { warmup: 10, warmupMs: options.warmupMs, iterations: 150 });
  const ctx = await ApiKey.contextOf(`Bearer ${key}`, options.now());
  const requests = (await options.counted(async () => {
    await ApiKey.contextOf(`Bearer ${key}`, options.now());
    return Integration.list({ ...range, limit: "100" }, ctx);
  })).requests;
  const timing = summarise(samples);
  const note = `${API_ROW}: organisation ${organisationId}, ${options.month}: ${appointments} appointments in the file, ${walk.listed} listed in ${walk.pages} pages of ≤ 100; each sample one page (the key's check, the index query, each appointment's participations, the usagers and externalIds in batches); target p95 ≤ 100 ms; ${requests} DynamoDB requests for the first page`;
  return { row: { name: API_ROW, medianMs: timing.medianMs, p95Ms: timing.p95Ms, maxMs: timing.maxMs, ddbRequests: requests }, note, timing };
}
