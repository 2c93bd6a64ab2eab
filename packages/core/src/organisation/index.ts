import type { EntityItem } from "electrodb";
import * as Agent from "../agent";
import { putAll, type PutItem } from "../db/batch";
import { queryPartition } from "../db/partition";
import * as Motif from "../motif";
import * as Place from "../place";
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

/**
 * An organisation's places, motifs and members in one query: the three concepts file them
 * under the organisation in gsi1 (agenda/agenda.integration.test.ts reads all three).
 */
export async function configuration(organisationId: string) {
  const items = await queryPartition(Place.organisationPartition(organisationId));
  return { places: Place.parseMany(items), motifs: Motif.parseMany(items), memberships: Agent.parseMemberships(items) };
}

/** Saves many organisations in batches (département import). */
export async function saveAll(items: OrganisationItem[]): Promise<void> {
  await putAll(OrganisationEntity, items);
}
