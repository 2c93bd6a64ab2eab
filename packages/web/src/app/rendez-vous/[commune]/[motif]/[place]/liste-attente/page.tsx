import type { Metadata } from "next";
import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import { NotFoundContent } from "@/components/NotFoundContent";
import { ServiceUnavailable } from "@/components/ServiceUnavailable";
import { WaitlistForm } from "@/components/WaitlistForm";
import { getMotif, getPlace } from "@/lib/cached";
import { paths } from "@/lib/paths";

type Params = Promise<{ commune: string; motif: string; place: string }>;

export const metadata: Metadata = { title: "Être prévenu si un créneau se libère" };

/** The waitlist sign-up, from the slots page: told by SMS when a slot of this motif frees up here. */
export default async function WaitlistJoinPage({ params }: { params: Params }) {
  const { commune, motif: motifId, place: placeId } = await params;
  const [found, place] = await Promise.all([getMotif(commune, motifId), getPlace(motifId, commune, placeId)]);
  if ((found.ok && found.data === null) || (place.ok && place.data === null)) return <NotFoundContent />;
  if (!found.ok || !place.ok || !found.data || !place.data) {
    return (
      <>
        <h1>Être prévenu si un créneau se libère</h1>
        <ServiceUnavailable />
      </>
    );
  }
  return (
    <>
      <h1>Être prévenu si un créneau se libère</h1>
      <p>
        {found.data.motif.name} — <strong>{place.data.name}</strong>.
      </p>
      <p>
        Si un créneau se libère (par exemple parce qu’une personne annule), nous vous envoyons un SMS avec un lien pour le
        prendre. Les premières personnes inscrites sont prévenues en premier ; le créneau revient à la première qui le
        confirme.
      </p>
      <WaitlistForm commune={commune} motifId={motifId} placeId={placeId} />
      <p className={fr.cx("fr-mt-4w")}>
        <Link href={paths.slots(commune, motifId, placeId)}>Revenir aux horaires disponibles</Link>
      </p>
    </>
  );
}
