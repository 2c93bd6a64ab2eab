import type { LocationType } from "./api";

const LOCATION_LABELS: Record<LocationType, string> = {
  on_site: "sur place",
  home: "à votre domicile",
  phone: "par téléphone",
  video: "en visioconférence",
};

/** "30 min, sur place" */
export function motifDetails(motif: { durationMinutes: number; locationType: string; collective?: boolean }): string {
  const location = LOCATION_LABELS[motif.locationType as LocationType] ?? "";
  const duration = motif.durationMinutes >= 60 && motif.durationMinutes % 60 === 0
    ? `${motif.durationMinutes / 60} h`
    : motif.durationMinutes > 60
      ? `${Math.floor(motif.durationMinutes / 60)} h ${String(motif.durationMinutes % 60).padStart(2, "0")}`
      : `${motif.durationMinutes} min`;
  return [duration, location, motif.collective ? "atelier collectif" : ""].filter(Boolean).join(", ");
}

export function isOnSite(locationType: string): boolean {
  return locationType === "on_site";
}

/** How the usager meets the service, for the confirmation and manage pages. */
export function locationSentence(locationType: string): string | undefined {
  switch (locationType) {
    case "phone":
      return "Rendez-vous par téléphone : un agent vous appellera au numéro indiqué.";
    case "home":
      return "Rendez-vous à votre domicile, à l’adresse indiquée.";
    case "video":
      return "Rendez-vous en visioconférence : le lien vous sera communiqué par le service.";
    default:
      return undefined;
  }
}
