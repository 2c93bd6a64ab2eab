// The site's URLs, in one place. Every step of the booking flow is a plain GET URL, so the
// back button, bookmarks and browsing without JavaScript all work.

const enc = encodeURIComponent;

function withQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export const paths = {
  home: (q?: string) => withQuery("/", { q }),
  motifs: (commune: string) => `/rendez-vous/${enc(commune)}`,
  places: (commune: string, motif: string) => `/rendez-vous/${enc(commune)}/${enc(motif)}`,
  slots: (commune: string, motif: string, place: string, week?: string) =>
    withQuery(`/rendez-vous/${enc(commune)}/${enc(motif)}/${enc(place)}`, { semaine: week }),
  identity: (commune: string, motif: string, place: string, startsAt: string) =>
    withQuery(`/rendez-vous/${enc(commune)}/${enc(motif)}/${enc(place)}/coordonnees`, { creneau: startsAt }),
  manage: (token: string, query: { motif?: string; message?: string } = {}) =>
    withQuery(`/rdv/${enc(token)}`, { motif: query.motif, message: query.message }),
  confirmation: (token: string, motif?: string) => withQuery(`/rdv/${enc(token)}/confirmation`, { motif }),
  calendar: (token: string) => `/rdv/${enc(token)}/rendez-vous.ics`,
  cancel: (token: string, motif?: string) => withQuery(`/rdv/${enc(token)}/annuler`, { motif }),
  reschedule: (token: string, motif?: string, week?: string) => withQuery(`/rdv/${enc(token)}/deplacer`, { motif, semaine: week }),
  waitlistJoin: (commune: string, motif: string, place: string) => `/rendez-vous/${enc(commune)}/${enc(motif)}/${enc(place)}/liste-attente`,
  waitlist: (token: string, message?: string) => withQuery(`/liste-attente/${enc(token)}`, { message }),
  offer: (token: string, message?: string) => withQuery(`/creneau-libere/${enc(token)}`, { message }),
  invitation: (token: string, query: { motif?: string; lieu?: string; semaine?: string; creneau?: string; message?: string } = {}) => withQuery(`/invitation/${enc(token)}`, query),
  rescheduleConfirm: (token: string, motif: string | undefined, startsAt: string) =>
    withQuery(`/rdv/${enc(token)}/deplacer/confirmer`, { motif, creneau: startsAt }),
};

/** Public base URL of the site (links shown to usagers), without trailing slash. */
export function publicUrl(): string {
  return (process.env.PUBLIC_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export function firstParam(raw: string | string[] | undefined): string | undefined {
  return Array.isArray(raw) ? raw[0] : raw;
}

/** Adds query parameters to a path built above. */
export function addQuery(href: string, query: Record<string, string>): string {
  const [path, search = ""] = href.split("?", 2) as [string, string?];
  const params = new URLSearchParams(search);
  for (const [key, value] of Object.entries(query)) params.set(key, value);
  return `${path}?${params.toString()}`;
}
