import { ServiceEntity } from "./service.entity";

export type ServiceRecord = NonNullable<Awaited<ReturnType<ReturnType<typeof ServiceEntity.get>["go"]>>["data"]>;

export async function listAll(): Promise<ServiceRecord[]> {
  return (await ServiceEntity.query.all({}).go({ pages: "all" })).data;
}

export async function fromId(serviceId: string): Promise<ServiceRecord | null> {
  return (await ServiceEntity.get({ serviceId }).go()).data;
}
