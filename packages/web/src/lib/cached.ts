// Request-scoped memoisation of the API reads that both a page and its metadata need.
import { cache } from "react";
import { communeByCode, listPlaces, listServices, type ApiResult, type PublicMotif, type PublicPlace, type PublicService } from "./api";

export const getCommune = cache(communeByCode);
export const getServices = cache(listServices);
export const getPlaces = cache(listPlaces);

/** The motif among those bookable online in the commune, with its service (null: not there). */
export const getMotif = cache(
  async (commune: string, motifId: string): Promise<ApiResult<{ service: PublicService; motif: PublicMotif } | null>> => {
    const services = await getServices(commune);
    if (!services.ok) return services;
    for (const service of services.data) {
      const motif = service.motifs.find((candidate) => candidate.id === motifId);
      if (motif) return { ok: true, data: { service, motif } };
    }
    return { ok: true, data: null };
  },
);

/** A place offering the motif to the commune (null: not there). */
export const getPlace = cache(async (motif: string, commune: string, placeId: string): Promise<ApiResult<PublicPlace | null>> => {
  const places = await getPlaces(motif, commune);
  return places.ok ? { ok: true, data: places.data.find((place) => place.id === placeId) ?? null } : places;
});
