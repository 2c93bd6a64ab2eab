import { fr } from "@codegouvfr/react-dsfr";
import { PhoneLink } from "./PlacePhone";

/** The empty state: no slot in the coming weeks, and what to do instead. */
export function NoSlots({ placeName, phone }: { placeName: string; phone: string | undefined }) {
  return (
    <div className={fr.cx("fr-callout", "fr-mb-4w")}>
      <h2 className={fr.cx("fr-callout__title", "fr-h5")}>Aucun créneau disponible dans les prochaines semaines</h2>
      <p className={fr.cx("fr-callout__text")}>
        {phone ? (
          <>
            Pour prendre rendez-vous, appelez {placeName} au <PhoneLink phone={phone} />. Un agent vous proposera un
            horaire.
          </>
        ) : (
          <>Pour prendre rendez-vous, contactez directement {placeName}. Un agent vous proposera un horaire.</>
        )}
      </p>
    </div>
  );
}
