import { putAll, type PutItem } from "../db/batch";
import { ServiceEntity } from "./service.entity";

export type ServiceRecord = NonNullable<Awaited<ReturnType<ReturnType<typeof ServiceEntity.get>["go"]>>["data"]>;

export async function listAll(): Promise<ServiceRecord[]> {
  return (await ServiceEntity.query.all({}).go({ pages: "all" })).data;
}

export async function fromId(serviceId: string): Promise<ServiceRecord | null> {
  return (await ServiceEntity.get({ serviceId }).go()).data;
}

/** Saves many services in batches (département import). */
export async function saveAll(items: PutItem<typeof ServiceEntity>[]): Promise<void> {
  await putAll(ServiceEntity, items);
}
