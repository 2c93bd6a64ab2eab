import type { Metadata } from "next";
import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import { NotFoundContent } from "@/components/NotFoundContent";
import { ServiceUnavailable } from "@/components/ServiceUnavailable";
import { getWaitlistEntry, type WaitlistEntry } from "@/lib/api";
import { firstParam, paths, publicUrl, type SearchParams } from "@/lib/paths";
import { formatLocalDate } from "@/lib/time";
import { leaveWaitlistAction } from "../actions";

type Params = Promise<{ token: string }>;

export const metadata: Metadata = { title: "Ma liste d’attente", robots: { index: false } };

const STATUS: Record<WaitlistEntry["status"], string> = {
  waiting: "Vous êtes sur la liste d’attente",
  booked: "Vous avez pris un créneau : vous n’êtes plus sur la liste d’attente",
  left: "Vous n’êtes plus sur la liste d’attente",
  expired: "Votre inscription sur la liste d’attente est terminée",
};

/** An usager's waitlist entry, from its link: what they wait for, and leaving the list. */
export default async function WaitlistPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { token } = await params;
  const message = firstParam((await searchParams).message);
  const entry = await getWaitlistEntry(token);
  if (!entry.ok && entry.reason === "http" && (entry.status === 404 || entry.status === 400)) {
    return (
      <NotFoundContent title="Ce lien ne fonctionne pas">
        <p>Ce lien de liste d’attente n’est pas valide ou a expiré.</p>
      </NotFoundContent>
    );
  }
  if (!entry.ok) {
    return (
      <>
        <h1>Ma liste d’attente</h1>
        <ServiceUnavailable />
      </>
    );
  }
  const view = entry.data;
  return (
    <>
      <h1>Ma liste d’attente</h1>
      {message === "inscrit" && (
        <div className={fr.cx("fr-alert", "fr-alert--success", "fr-mb-4w")} role="status">
          <h2 className={fr.cx("fr-alert__title")}>C’est noté</h2>
          <p>
            Nous vous enverrons un SMS si un créneau se libère d’ici le {formatLocalDate(view.until)}. Gardez ce lien pour
            quitter la liste : <span className="rdv-break">{`${publicUrl()}${paths.waitlist(token)}`}</span>
          </p>
        </div>
      )}
      {message === "quitte" && (
        <div className={fr.cx("fr-alert", "fr-alert--success", "fr-mb-4w")} role="status">
          <p>Vous ne serez plus prévenu. Merci de nous l’avoir dit.</p>
        </div>
      )}
      <p>
        <strong>{STATUS[view.status]}</strong>
      </p>
      <ul>
        <li>
          {view.service} — {view.motif.name}
        </li>
        <li>{view.place ? view.place.name : "Tous les lieux proches de chez vous"}</li>
        <li>Créneaux jusqu’au {formatLocalDate(view.until)}</li>
      </ul>
      {view.status === "waiting" ? (
        <form action={leaveWaitlistAction}>
          <input type="hidden" name="token" value={token} />
          <button type="submit" className={fr.cx("fr-btn", "fr-btn--secondary")}>
            Quitter la liste d’attente
          </button>
        </form>
      ) : (
        <p>
          <Link href="/">Prendre un rendez-vous</Link>
        </p>
      )}
    </>
  );
}
