import type { EntityItem } from "electrodb";
import { putAll, type PutItem } from "../db/batch";
import type { TransactionEntities } from "../db/transact";
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

/** Transaction items that change rules (configuration writes them with their audit entry). */
export function saveWrite(e: Pick<TransactionEntities, "openingRule">, item: OpeningRuleItem) {
  return e.openingRule.put(item).commit();
}

/** Saves many rules in batches (département import). */
export async function saveAll(items: OpeningRuleItem[]): Promise<void> {
  await putAll(OpeningRuleEntity, items);
}

/** Replaces a rule's single-occurrence exceptions (the rule must still exist). */
export function setExceptionsWrite(e: Pick<TransactionEntities, "openingRule">, ruleId: string, exceptions: unknown[]) {
  return e.openingRule.patch({ ruleId }).set({ exceptions }).commit();
}

export function removeWrite(e: Pick<TransactionEntities, "openingRule">, ruleId: string) {
  return e.openingRule.delete({ ruleId }).commit();
}
