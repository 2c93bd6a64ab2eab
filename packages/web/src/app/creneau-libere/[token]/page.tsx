import type { Metadata } from "next";
import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import { NotFoundContent } from "@/components/NotFoundContent";
import { ServiceUnavailable } from "@/components/ServiceUnavailable";
import { getOffer } from "@/lib/api";
import { isOnSite, locationSentence } from "@/lib/labels";
import { firstParam, type SearchParams } from "@/lib/paths";
import { capitalize, formatDate, formatTime } from "@/lib/time";
import { acceptOfferAction } from "../../liste-attente/actions";

type Params = Promise<{ token: string }>;

export const metadata: Metadata = { title: "Un créneau s’est libéré", robots: { index: false } };

const MESSAGES: Record<string, string> = {
  pris: "Quelqu’un a été plus rapide : ce créneau vient d’être pris. Vous restez sur la liste d’attente : nous vous préviendrons si un autre créneau se libère.",
  limite: "Ce créneau ne peut pas être pris en ligne avec votre numéro. Merci d’appeler le lieu de rendez-vous.",
  impossible: "Ce créneau ne peut pas être pris en ligne. Merci d’appeler le lieu de rendez-vous.",
  indisponible: "Le service ne répond pas pour le moment. Merci de réessayer dans un instant.",
};

/** The offer of a freed slot (the link of the waitlist's SMS): the slot, and "Je prends ce créneau" while it is free. */
export default async function OfferPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { token } = await params;
  const message = MESSAGES[firstParam((await searchParams).message) ?? ""];
  const offer = await getOffer(token);
  if (!offer.ok && offer.reason === "http" && (offer.status === 404 || offer.status === 400)) {
    return (
      <NotFoundContent title="Ce lien ne fonctionne pas">
        <p>Ce lien n’est pas valide ou a expiré. Vérifiez qu’il est complet (copiez-le depuis le SMS reçu).</p>
      </NotFoundContent>
    );
  }
  if (!offer.ok) {
    return (
      <>
        <h1>Un créneau s’est libéré</h1>
        <ServiceUnavailable />
      </>
    );
  }
  const view = offer.data;
  const how = locationSentence(view.motif.locationType);
  const passed = Date.parse(view.startsAt) <= Date.now();
  return (
    <>
      <h1>{view.available ? "Un créneau s’est libéré" : "Ce créneau n’est plus disponible"}</h1>
      {message && (
        <div className={fr.cx("fr-alert", "fr-alert--error", "fr-mb-4w")} role="alert">
          <p>{message}</p>
        </div>
      )}
      <dl className="rdv-details">
        <dt>Date</dt>
        <dd>{capitalize(formatDate(view.startsAt))}</dd>
        <dt>Heure</dt>
        <dd>
          {formatTime(view.startsAt)} (jusqu’à {formatTime(view.endsAt)})
        </dd>
        <dt>Rendez-vous</dt>
        <dd>
          {view.motif.name} — {view.service}
        </dd>
        <dt>Lieu</dt>
        <dd>
          {view.place.name}
          {how && (
            <>
              <br />
              {how}
            </>
          )}
        </dd>
        {view.place.address && isOnSite(view.motif.locationType) && (
          <>
            <dt>Adresse</dt>
            <dd>{view.place.address}</dd>
          </>
        )}
      </dl>
      {view.available ? (
        <form action={acceptOfferAction}>
          <input type="hidden" name="token" value={token} />
          <input type="hidden" name="moves" value={String(view.moves)} />
          {view.moves && <p>Votre rendez-vous actuel sera remplacé par celui-ci.</p>}
          <button type="submit" className={fr.cx("fr-btn")}>
            Je prends ce créneau
          </button>
        </form>
      ) : (
        <p>
          {passed
            ? "Ce créneau est passé."
            : message
              ? null
              : "Ce créneau a déjà été pris, ou vous n’êtes plus sur la liste d’attente. Si vous y êtes encore, nous vous préviendrons si un autre créneau se libère."}{" "}
          <Link href="/">Prendre un rendez-vous</Link>
        </p>
      )}
    </>
  );
}
