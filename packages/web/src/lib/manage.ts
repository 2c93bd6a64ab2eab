import { cache } from "react";
import { getAppointment } from "./api";

/** The appointment behind a manage link, once per request. */
export const getManageView = cache(getAppointment);

/** The motif's id: from the API when it gives it, else from the link the site itself built. */
export function motifIdOf(view: { motif: { id?: string } }, fromQuery: string | undefined): string | undefined {
  const id = view.motif.id ?? fromQuery;
  return id && /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}$/.test(id) ? id : undefined;
}

/** A manage page's title: its own, or the unknown link's. */
export async function manageTitle(token: string, title: string): Promise<string> {
  const view = await getManageView(token);
  return !view.ok && view.reason === "http" && (view.status === 404 || view.status === 400) ? "Lien de rendez-vous introuvable" : title;
}
