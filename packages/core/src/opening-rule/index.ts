import type { EntityItem } from "electrodb";
import { putAll, type PutItem } from "../db/batch";
import { OpeningRuleEntity } from "./opening-rule.entity";

/** Plages d'ouverture: when an agent receives, where, for which motifs (wall-clock times). */
export type OpeningRuleRecord = EntityItem<typeof OpeningRuleEntity>;
export type OpeningRuleItem = PutItem<typeof OpeningRuleEntity>;

export async function get(ruleId: string): Promise<OpeningRuleRecord | null> {
  return (await OpeningRuleEntity.get({ ruleId }).go()).data;
}

/** Every rule of a place (slot search). */
export async function listByPlace(placeId: string): Promise<OpeningRuleRecord[]> {
  return (await OpeningRuleEntity.query.byPlace({ placeId }).go({ pages: "all" })).data;
}

/** Every rule of an organisation (agenda, configuration, next availability of every place). */
export async function listByOrganisation(organisationId: string): Promise<OpeningRuleRecord[]> {
  return (await OpeningRuleEntity.query.byOrganisation({ organisationId }).go({ pages: "all" })).data;
}

export async function save(item: OpeningRuleItem): Promise<void> {
  await OpeningRuleEntity.put(item).go();
}

/** Saves many rules in batches (département import). */
export async function saveAll(items: OpeningRuleItem[]): Promise<void> {
  await putAll(OpeningRuleEntity, items);
}

/** Replaces a rule's single-occurrence exceptions. */
export async function setExceptions(ruleId: string, exceptions: unknown[]): Promise<void> {
  await OpeningRuleEntity.patch({ ruleId }).set({ exceptions }).go();
}

export async function remove(ruleId: string): Promise<void> {
  await OpeningRuleEntity.delete({ ruleId }).go();
}
