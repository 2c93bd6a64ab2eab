import type { Metadata } from "next";
import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import { Steps } from "@/components/Steps";
import { PhoneLink } from "@/components/PlacePhone";
import { ServiceUnavailable } from "@/components/ServiceUnavailable";
import { getCommune, getMotif, getPlaces } from "@/lib/cached";
import { formatDateTime } from "@/lib/time";
import { isOnSite, motifDetails } from "@/lib/labels";
import { paths } from "@/lib/paths";
import { LinkPending } from "@/components/LinkPending";
import { NotFoundContent } from "@/components/NotFoundContent";

type Params = Promise<{ commune: string; motif: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { commune, motif } = await params;
  const found = await getMotif(commune, motif);
  if (found.ok && found.data === null) return { title: "Page introuvable" };
  return { title: found.ok && found.data ? `Choisir le lieu — ${found.data.motif.name}` : "Choisir le lieu" };
}

export default async function PlacesPage({ params }: { params: Params }) {
  const { commune: communeCode, motif: motifId } = await params;
  const [commune, found, places] = await Promise.all([getCommune(communeCode), getMotif(communeCode, motifId), getPlaces(motifId, communeCode)]);
  if ((commune.ok && commune.data === null) || (found.ok && found.data === null)) return <NotFoundContent />;

  return (
    <>
      <Steps current={2} />
      <h1>Où souhaitez-vous être reçu ?</h1>
      {!found.ok || !places.ok || !found.data ? (
        <ServiceUnavailable />
      ) : (
        <>
          <p>
            {found.data.service.name} — {found.data.motif.name} ({motifDetails(found.data.motif)}).{" "}
            <Link href={paths.motifs(communeCode)}>Changer de motif</Link>
          </p>
          {places.data.length === 0 ? (
            <div className={fr.cx("fr-callout")}>
              <h2 className={fr.cx("fr-callout__title", "fr-h5")}>Aucun lieu ne propose ce rendez-vous en ligne</h2>
              <p className={fr.cx("fr-callout__text")}>
                Contactez la maison départementale des solidarités de votre secteur par téléphone.
              </p>
            </div>
          ) : (
            <ul className={`${fr.cx("fr-grid-row", "fr-grid-row--gutters")} rdv-plain-list`}>
              {places.data.map((place) => (
                <li key={place.id} className={fr.cx("fr-col-12", "fr-col-md-6")}>
                  <div className={fr.cx("fr-card", "fr-card--sm")}>
                    <div className={fr.cx("fr-card__body")}>
                      <div className={fr.cx("fr-card__content")}>
                        <h2 className={fr.cx("fr-card__title", "fr-h5")}>{place.name}</h2>
                        {place.address && isOnSite(found.data!.motif.locationType) && (
                          <p className={fr.cx("fr-card__desc")}>{place.address}</p>
                        )}
                        <p className={fr.cx("fr-card__desc")}>
                          {place.nextSlot ? (
                            <>
                              <strong>Prochain créneau :</strong> {formatDateTime(place.nextSlot.startsAt)}
                            </>
                          ) : (
                            <>Aucun créneau disponible dans les prochaines semaines.</>
                          )}
                        </p>
                        {place.phone && (
                          <p className={fr.cx("fr-card__desc")}>
                            Téléphone : <PhoneLink phone={place.phone} />
                          </p>
                        )}
                      </div>
                      <div className={fr.cx("fr-card__footer")}>
                        <Link
                          prefetch={false}
                          href={paths.slots(communeCode, motifId, place.id)}
                          className={fr.cx("fr-btn", !place.nextSlot && "fr-btn--secondary")}
                          aria-label={`${place.nextSlot ? "Voir les créneaux" : "Voir les disponibilités"} — ${place.name}`}
                        >
                          {place.nextSlot ? "Voir les créneaux" : "Voir les disponibilités"}
                          <LinkPending />
                        </Link>
                      </div>
                    </div>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}
