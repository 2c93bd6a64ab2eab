import * as Migration from "@rdv/core/migration";

/**
 * The deploy's data migrations: the CloudFormation custom resource of stacks/Migrations.ts sends
 * its lifecycle events here (through the CDK Provider framework, which answers CloudFormation).
 * Create and Update apply the migrations up to the number the template carries
 * (`LatestMigration`): a new migration changes it, so CloudFormation sends an Update. A rollback
 * sends an Update with the previous number, already applied: nothing runs. Throwing fails the
 * deploy. Delete (the stage or the resource removed, or a failed first deploy rolled back) leaves
 * the data alone.
 */
export const PHYSICAL_RESOURCE_ID = "rdv-migrations";

const RequestType = Migration.CustomResourceRequest;
const Properties = Migration.CustomResourceProperties;

export interface CustomResourceAnswer {
  PhysicalResourceId: string;
  Data?: { Version: string };
}

export function onEvent(run: typeof Migration.run = Migration.run) {
  return async (event: unknown): Promise<CustomResourceAnswer> => {
    const { RequestType: type, PhysicalResourceId } = RequestType.parse(event);
    const id = PhysicalResourceId ?? PHYSICAL_RESOURCE_ID;
    if (type === "Delete") return { PhysicalResourceId: id };
    const target = Number(Properties.parse(event).ResourceProperties.LatestMigration);
    const result = await run({
      target,
      onProgress: (progress) => log(progress.done ? "migration applied" : "migration progress", { migration: progress.number, name: progress.name, ...progress.counts }),
      onWarning: (migration, message) => console.warn(JSON.stringify({ level: "warn", msg: "migration warning", migration: migration.number, detail: message })),
    });
    log("migrations", { requestType: type, target, from: result.from, version: result.version, applied: result.applied.length });
    return { PhysicalResourceId: id, Data: { Version: String(result.version) } };
  };
}

function log(msg: string, fields: Record<string, unknown>): void {
  console.log(JSON.stringify({ level: "info", msg, ...fields }));
}

export const handler = onEvent();
