import { fn } from "../validate";
import * as z from "zod";
import * as Commune from "../commune";
import { putAll, type PutItem } from "../db/batch";
import { readOne, type Key, type Read, type StoredItem } from "../db/batch-get";
import type { TransactionEntities } from "../db/transact";
import { NotFoundError } from "../error";
import * as Service from "../service";
import { LOCATION_TYPES } from "../schema/department-file";
import { MotifEntity } from "./motif.entity";

export type Record_ = NonNullable<Awaited<ReturnType<ReturnType<typeof MotifEntity.get>["go"]>>["data"]>;
export type { Record_ as MotifRecord };

export const PublicInfo = z.object({
  id: z.string(),
  name: z.string(),
  durationMinutes: z.number(),
  locationType: z.enum(LOCATION_TYPES),
  collective: z.boolean(),
});
export type PublicInfo = z.infer<typeof PublicInfo>;

export function toPublicInfo(motif: Record_): PublicInfo {
  return {
    id: motif.motifId,
    name: motif.name,
    durationMinutes: motif.durationMinutes,
    locationType: motif.locationType,
    collective: motif.collective,
  };
}

export type MotifItem = PutItem<typeof MotifEntity>;

/** The video meeting link of an appointment of this motif: only video motifs give one. */
export function videoUrlOf(motif: Pick<Record_, "locationType" | "videoUrl">): string | undefined {
  return motif.locationType === "video" ? motif.videoUrl : undefined;
}

/** A motif, or null (fromId is the 404 for callers that need one). */
export async function get(motifId: string): Promise<Record_ | null> {
  return (await MotifEntity.get({ motifId }).go()).data;
}

/** The transaction item that saves a motif (configuration writes it with its audit entry). */
export function saveWrite(e: Pick<TransactionEntities, "motif">, item: MotifItem) {
  return e.motif.put(item).commit();
}

/** Saves many motifs in batches (département import). */
export async function saveAll(items: MotifItem[]): Promise<void> {
  await putAll(MotifEntity, items);
}

/** The read of a motif, to gather with others in one BatchGetItem (null when unknown; see `found`). */
export function read(motifId: string): Read<Record_ | null> {
  return readOne(MotifEntity.get({ motifId }).params<{ Key: Key }>().Key, (item) => MotifEntity.parse({ Item: item }).data as Record_);
}

/** Whether usagers find and book the motif on the public site (not agents-only, not on invitation only). */
export function isPublic(motif: { online: boolean; invitationOnly?: boolean }): boolean {
  return motif.online && !motif.invitationOnly;
}

/** A motif read with `read`, or the 404 of `fromId` (`online`: of `fromIdOnline`). */
export function found(motif: Record_ | null, options: { online: boolean }): Record_ {
  if (!motif) throw new NotFoundError("motif.not_found", options.online ? "Ce motif de rendez-vous n'existe pas ou ne se réserve pas en ligne." : "Ce motif de rendez-vous n'existe pas.");
  if (options.online && !isPublic(motif)) throw new NotFoundError("motif.not_found", "Ce motif de rendez-vous n'existe pas ou ne se réserve pas en ligne.");
  return motif;
}

export async function fromId(motifId: string): Promise<Record_> {
  const result = await MotifEntity.get({ motifId }).go();
  if (!result.data) throw new NotFoundError("motif.not_found", "Ce motif de rendez-vous n'existe pas.");
  return result.data;
}

/** A motif usagers may book online, or a 404 that does not tell agent-only motifs apart. */
export async function fromIdOnline(motifId: string): Promise<Record_> {
  const motif = await MotifEntity.get({ motifId }).go();
  if (!motif.data || !isPublic(motif.data)) {
    throw new NotFoundError("motif.not_found", "Ce motif de rendez-vous n'existe pas ou ne se réserve pas en ligne.");
  }
  return motif.data;
}

/** The motifs among items read together (an organisation's gsi1 partition, see Place.organisationPartition). */
export function parseMany(items: StoredItem[]): Record_[] {
  return MotifEntity.parse({ Items: items }, { ignoreOwnership: false }).data as Record_[];
}

export async function listByOrganisation(organisationId: string): Promise<Record_[]> {
  return (await MotifEntity.query.byOrganisation({ organisationId }).go({ pages: "all" })).data;
}

/** Cut-offs: -1 in storage means usagers may not do it themselves. */
export function selfServiceCutoff(minutes: number): number | null {
  return minutes < 0 ? null : minutes;
}

export const ForCommuneInput = z.object({
  commune: z.string().regex(/^(\d{5}|2[AB]\d{3})$/, "code INSEE de commune attendu (5 caractères)"),
});

export interface ServiceWithMotifs {
  id: string;
  name: string;
  motifs: PublicInfo[];
}

/** GET /v1/public/motifs?commune: motifs bookable online by the commune's inhabitants, by service. */
export const listForCommune = fn(ForCommuneInput, async (input): Promise<ServiceWithMotifs[]> => {
  const organisations = await Commune.organisationsServing(input.commune);
  if (organisations.length === 0) return [];
  const [services, motifLists] = await Promise.all([Service.listAll(), Promise.all(organisations.map(listByOrganisation))]);
  const byService = new Map<string, ServiceWithMotifs>();
  for (const motif of motifLists.flat().filter(isPublic)) {
    const service = services.find((s) => s.serviceId === motif.serviceId);
    if (!service) continue;
    const entry: ServiceWithMotifs = byService.get(service.serviceId) ?? { id: service.serviceId, name: service.name, motifs: [] };
    entry.motifs.push(toPublicInfo(motif));
    byService.set(service.serviceId, entry);
  }
  return [...byService.values()]
    .map((s) => ({ ...s, motifs: s.motifs.sort((a, b) => a.name.localeCompare(b.name, "fr")) }))
    .sort((a, b) => a.name.localeCompare(b.name, "fr"));
});
