import { putAll, type PutItem } from "../db/batch";
import { ServiceEntity } from "./service.entity";

export type ServiceRecord = NonNullable<Awaited<ReturnType<ReturnType<typeof ServiceEntity.get>["go"]>>["data"]>;

/**
 * Services change only when a département file is imported (there is no other way to write
 * them), like the département itself: each process reads them once a minute at most, so a
 * booking's confirmation text costs no request. Importing in this process forgets the copy.
 */
const CACHE_MS = 60_000;
let cached: { services: ServiceRecord[]; table: string | undefined; at: number } | undefined;

export async function listAll(): Promise<ServiceRecord[]> {
  const table = process.env.RDV_TABLE;
  if (cached && cached.table === table && Date.now() - cached.at < CACHE_MS) return cached.services;
  const services = (await ServiceEntity.query.all({}).go({ pages: "all" })).data;
  cached = { services, table, at: Date.now() };
  return services;
}

/** A service (from the copy of at most a minute ago; read afresh when it is not there). */
export async function fromId(serviceId: string): Promise<ServiceRecord | null> {
  const known = (await listAll()).find((s) => s.serviceId === serviceId);
  if (known) return known;
  const stored = (await ServiceEntity.get({ serviceId }).go()).data;
  if (stored) cached = undefined;
  return stored;
}

/** Saves many services in batches (département import). */
export async function saveAll(items: PutItem<typeof ServiceEntity>[]): Promise<void> {
  await putAll(ServiceEntity, items);
  cached = undefined;
}
