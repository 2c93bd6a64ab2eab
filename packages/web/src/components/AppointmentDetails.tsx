import { fr } from "@codegouvfr/react-dsfr";
import type { ManageView } from "@/lib/api";
import { capitalize, formatDate, formatTime } from "@/lib/time";
import { isOnSite, locationSentence } from "@/lib/labels";
import { PhoneLink } from "./PlacePhone";

/** What, when and where: the facts of an appointment, as a description list. */
export function AppointmentDetails({ view }: { view: ManageView }) {
  const how = locationSentence(view.motif.locationType);
  return (
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
        {view.relative ? `, pour ${view.relative.firstName}` : ""}
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
      {view.motif.videoUrl && view.status === "booked" && (
        <>
          <dt>Lien de la visio</dt>
          <dd>
            <a href={view.motif.videoUrl}>{view.motif.videoUrl}</a>
          </dd>
        </>
      )}
      {view.place.address && isOnSite(view.motif.locationType) && (
        <>
          <dt>Adresse</dt>
          <dd>{view.place.address}</dd>
        </>
      )}
      {view.place.phone && (
        <>
          <dt>Téléphone du lieu</dt>
          <dd>
            <PhoneLink phone={view.place.phone} />
          </dd>
        </>
      )}
    </dl>
  );
}

/** The motif's instructions ("Munissez-vous du carnet de santé…"), when it has some. */
export function Instructions({ text }: { text: string | undefined }) {
  if (!text) return null;
  return (
    <div className={fr.cx("fr-callout", "fr-mb-4w")}>
      <h2 className={fr.cx("fr-callout__title", "fr-h6")}>À savoir avant de venir</h2>
      <p className={fr.cx("fr-callout__text")}>{text}</p>
    </div>
  );
}
