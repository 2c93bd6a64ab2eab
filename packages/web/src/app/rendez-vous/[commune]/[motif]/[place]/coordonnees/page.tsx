import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { fr } from "@codegouvfr/react-dsfr";
import { BookingForm } from "@/components/BookingForm";
import { ServiceUnavailable } from "@/components/ServiceUnavailable";
import { Steps } from "@/components/Steps";
import { getMotif, getPlace } from "@/lib/cached";
import { capitalize, formatDateTime, localDateOf, mondayOf, parseInstant } from "@/lib/time";
import { isOnSite, motifDetails } from "@/lib/labels";
import { firstParam, paths, type SearchParams } from "@/lib/paths";
import { NotFoundContent } from "@/components/NotFoundContent";

type Params = Promise<{ commune: string; motif: string; place: string }>;

export const metadata: Metadata = { title: "Vos coordonnées" };

export default async function IdentityPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { commune, motif: motifId, place: placeId } = await params;
  const query = await searchParams;
  const startsAt = parseInstant(firstParam(query.creneau));
  const byPrescriber = firstParam(query.pour) === "accompagne";
  if (!startsAt) redirect(paths.slots(commune, motifId, placeId));
  const [found, place] = await Promise.all([getMotif(commune, motifId), getPlace(motifId, commune, placeId)]);
  if ((found.ok && found.data === null) || (place.ok && place.data === null)) return <NotFoundContent />;

  return (
    <>
      <Steps current={4} />
      <h1>{byPrescriber ? "Coordonnées de la personne accompagnée" : "Vos coordonnées"}</h1>
      {!found.ok || !place.ok || !found.data || !place.data ? (
        <ServiceUnavailable />
      ) : (
        <>
          <div className={fr.cx("fr-highlight", "fr-mb-4w")}>
            <p>
              <strong>{capitalize(formatDateTime(startsAt))}</strong>
              <br />
              {found.data.motif.name} ({motifDetails(found.data.motif)})
              <br />
              {place.data.name}
              {place.data.address && isOnSite(found.data.motif.locationType) ? `, ${place.data.address}` : ""}
            </p>
            <p className={fr.cx("fr-text--sm", "fr-mb-0")}>
              <Link href={paths.slots(commune, motifId, placeId, mondayOf(localDateOf(startsAt)))}>Choisir un autre horaire</Link>
            </p>
          </div>
          <p>
            {byPrescriber ? (
              <Link href={paths.identity(commune, motifId, placeId, startsAt)}>Je prends rendez-vous pour moi ou pour mon enfant</Link>
            ) : (
              <Link href={`${paths.identity(commune, motifId, placeId, startsAt)}&pour=accompagne`}>Je prends rendez-vous pour une personne que j’accompagne</Link>
            )}
          </p>
          <BookingForm
            key={byPrescriber ? "prescripteur" : "usager"}
            prescriber={byPrescriber}
            idempotencyKey={randomUUID()}
            commune={commune}
            motifId={motifId}
            placeId={placeId}
            startsAt={startsAt}
            collective={found.data.motif.collective}
            needsAddress={found.data.motif.locationType === "home"}
          />
        </>
      )}
    </>
  );
}
