import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { backgroundFunctions } from "@rdv/functions/routes";
import { repoRoot } from "./repo-root";

/**
 * The local stand-ins for EventBridge Scheduler and the reconciler's cron: in-process loops that
 * call the same handlers the AWS targets call. Schedules live in the table, so a restart picks
 * up where it left off.
 */
type Handler = (event?: unknown) => Promise<unknown>;

async function load(spec: string): Promise<Handler> {
  const dot = spec.lastIndexOf(".");
  const module = (await import(pathToFileURL(join(repoRoot(), `${spec.slice(0, dot)}.ts`)).href)) as Record<string, Handler>;
  const fn = module[spec.slice(dot + 1)];
  if (!fn) throw new Error(`${spec} not found`);
  return fn;
}

export interface Loops {
  stop(): Promise<void>;
}

export async function startLoops(options: { schedulerEveryMs?: number; reconcilerEveryMs?: number; webhooksEveryMs?: number } = {}): Promise<Loops> {
  const reminder = await load(backgroundFunctions.reminder.handler);
  // the webhook queue locally: the work index, swept every few seconds (SQS on AWS)
  const webhooks = await load(backgroundFunctions.webhookDelivery.handler.replace(/\.handler$/, ".sweep"));
  const reconciler = await load(backgroundFunctions.reconciler.handler);
  const Clock = await import("@rdv/core/clock");
  const LocalScheduler = await import("@rdv/core/reminder/local");
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;

  const fireDue = async () => {
    for (const schedule of await LocalScheduler.due(Clock.now())) {
      await reminder({ appointmentId: schedule.appointmentId, at: schedule.at });
      await LocalScheduler.completed(schedule.name, schedule.at);
    }
  };
  const guard = (name: string, fn: () => Promise<unknown>) => () => {
    if (stopped) return;
    running = running.then(fn).catch((error: unknown) => {
      console.error(JSON.stringify({ level: "error", msg: `${name} loop failed`, name: (error as Error)?.name, stack: (error as Error)?.stack }));
    });
  };
  const tickScheduler = guard("scheduler", fireDue);
  const tickReconciler = guard("reconciler", () => reconciler());
  const tickWebhooks = guard("webhooks", () => webhooks());
  tickReconciler();
  const timers = [
    setInterval(tickScheduler, options.schedulerEveryMs ?? 2_000),
    setInterval(tickReconciler, options.reconcilerEveryMs ?? 15_000),
    setInterval(tickWebhooks, options.webhooksEveryMs ?? 2_000),
  ];
  return {
    async stop() {
      stopped = true;
      timers.forEach(clearInterval);
      await running;
    },
  };
}
