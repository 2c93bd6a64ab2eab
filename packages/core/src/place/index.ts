import { NotFoundError } from "../error";
import { PlaceEntity } from "./place.entity";

export type PlaceRecord = NonNullable<Awaited<ReturnType<ReturnType<typeof PlaceEntity.get>["go"]>>["data"]>;

export async function fromId(placeId: string): Promise<PlaceRecord> {
  const result = await PlaceEntity.get({ placeId }).go();
  if (!result.data) throw new NotFoundError("place.not_found", "Ce lieu n'existe pas.");
  return result.data;
}

export async function listByOrganisation(organisationId: string): Promise<PlaceRecord[]> {
  return (await PlaceEntity.query.byOrganisation({ organisationId }).go({ pages: "all" })).data;
}

