/**
 * The `find-slot-org` row: « Trouver un créneau » for the busiest motif across its whole
 * organisation (every place and agent, no filter, the default 2 weeks), over HTTP as one of its secretaries,
 * with the DynamoDB requests of the same search counted in this process. Measured in the full
 * run after the agenda, and alone with `npm run bench -- --only-find-slot`.
 */
import type { DepartmentFileInput } from "@rdv/core/schema";
import type { BenchStack } from "./stack";
import { summarise, timeSequential, type Timing } from "./stats";

export interface FindSlotRow {
  name: string;
  medianMs: number | null;
  p95Ms: number | null;
  maxMs: number | null;
  ddbRequests: number | null;
  commands?: Record<string, number>;
}

const PASSWORD = "banc-d-essai-rdv-62-trouver";

export async function measureFindSlot(
  stack: BenchStack,
  file: DepartmentFileInput,
  options: { today: string; warmupMs: number; log: (message: string) => void },
): Promise<FindSlotRow> {
  const Clock = await import("@rdv/core/clock");
  const Session = await import("@rdv/core/session");
  const Availability = await import("@rdv/core/availability");
  const { recordDynamoCommands } = await import("@rdv/core/db/client");
  const { AgentEntity } = await import("../packages/core/src/agent/agent.entity");
  const rules = file.openingRules ?? [];
  const agentsOf = (motifId: string) => new Set(rules.filter((r) => r.motifIds.includes(motifId)).map((r) => r.agentId));
  const motif = (file.motifs ?? []).filter((m) => m.id.endsWith("pmi-consultation")).sort((a, b) => agentsOf(b.id).size - agentsOf(a.id).size)[0]!;
  const secretary = (file.agents ?? []).find((a) => a.role === "secretariat" && a.organisationIds.includes(motif.organisationId))!;
  await AgentEntity.patch({ agentId: secretary.id }).set({ passwordHash: await Session.hashPassword(PASSWORD) }).go();
  const signIn = await fetch(`${stack.apiUrl}/v1/agent/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: secretary.email, password: PASSWORD }),
  });
  const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.startsWith("rdv_session="));
  if (signIn.status !== 200 || !cookie) throw new Error(`find-slot-org: sign-in answered ${signIn.status}`);
  const path = `/v1/agent/availability?organisation=${motif.organisationId}&motif=${motif.id}&from=${options.today}`;
  const search = async () => {
    const response = await fetch(`${stack.apiUrl}${path}`, { headers: { cookie } });
    const body = (await response.json()) as { results: Array<{ slots: unknown[] }> };
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${JSON.stringify(body)}`);
    return body;
  };
  const first = await search();
  const samples = await timeSequential(async () => void (await search()), { warmup: 15, warmupMs: options.warmupMs, iterations: 150 });
  const ctx = await Session.fromToken(decodeURIComponent(cookie.slice("rdv_session=".length)), Clock.now());
  const call = () => Availability.find({ organisationId: motif.organisationId, motifId: motif.id, from: options.today }, ctx, Clock.now());
  await call(); // warm caches, as the API's are after its warm-up
  const recorded = await recordDynamoCommands(call);
  const timing: Timing = summarise(samples);
  const subject = `motif ${motif.id}: ${first.results.length} agent-place pairs, ${first.results.filter((r) => r.slots.length > 0).length} with a slot within 2 weeks`;
  options.log(`find-slot-org: ${subject}; ${JSON.stringify(timing)}; requests ${recorded.commands.join(" ")}`);
  const commands: Record<string, number> = {};
  for (const command of recorded.commands) commands[command] = (commands[command] ?? 0) + 1;
  return { name: "find-slot-org", medianMs: timing.medianMs, p95Ms: timing.p95Ms, maxMs: timing.maxMs, ddbRequests: recorded.commands.length, commands };
}
