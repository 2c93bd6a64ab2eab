import type { EntityItem } from "electrodb";
import { putAll, type PutItem } from "../db/batch";
import { OrganisationEntity } from "./organisation.entity";

export type OrganisationRecord = EntityItem<typeof OrganisationEntity>;
export type OrganisationItem = PutItem<typeof OrganisationEntity>;

export async function get(organisationId: string): Promise<OrganisationRecord | null> {
  return (await OrganisationEntity.get({ organisationId }).go()).data;
}

/** Every organisation of the département (one paged query on the "all" index). */
export async function listAll(): Promise<OrganisationRecord[]> {
  return (await OrganisationEntity.query.all({}).go({ pages: "all" })).data;
}

/** Several organisations in one batch read (none asked, none read). */
export async function getMany(organisationIds: readonly string[]): Promise<OrganisationRecord[]> {
  if (organisationIds.length === 0) return [];
  return (await OrganisationEntity.get(organisationIds.map((organisationId) => ({ organisationId }))).go()).data;
}

/** Saves many organisations in batches (département import). */
export async function saveAll(items: OrganisationItem[]): Promise<void> {
  await putAll(OrganisationEntity, items);
}
