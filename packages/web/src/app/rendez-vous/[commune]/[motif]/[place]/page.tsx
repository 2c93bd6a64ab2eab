import type { Metadata } from "next";
import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import { Steps } from "@/components/Steps";
import { NoSlots } from "@/components/NoSlots";
import { PhoneLink } from "@/components/PlacePhone";
import { ServiceUnavailable } from "@/components/ServiceUnavailable";
import { SessionList } from "@/components/SessionList";
import { WeekSlots } from "@/components/WeekSlots";
import { listSessions } from "@/lib/api";
import { getMotif, getPlace } from "@/lib/cached";
import { addDays, localDateOf, mondayOf, parseLocalDate } from "@/lib/time";
import { isOnSite, motifDetails } from "@/lib/labels";
import { firstParam, paths, type SearchParams } from "@/lib/paths";
import { loadWeek, MAX_RANGE_DAYS } from "@/lib/week";
import { NotFoundContent } from "@/components/NotFoundContent";

type Params = Promise<{ commune: string; motif: string; place: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { commune, motif, place } = await params;
  const [found, placeInfo] = await Promise.all([getMotif(commune, motif), getPlace(motif, commune, place)]);
  const what = found.ok && found.data ? found.data.motif.name : "rendez-vous";
  const where = placeInfo.ok && placeInfo.data ? ` — ${placeInfo.data.name}` : "";
  return { title: `Choisir la date et l’heure — ${what}${where}` };
}

export default async function SlotsPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { commune, motif: motifId, place: placeId } = await params;
  const requestedWeek = parseLocalDate(firstParam((await searchParams).semaine));
  const [found, place] = await Promise.all([getMotif(commune, motifId), getPlace(motifId, commune, placeId)]);
  if ((found.ok && found.data === null) || (place.ok && place.data === null)) return <NotFoundContent />;

  const header = (
    <>
      <Steps current={3} />
      <h1>Choisissez la date et l’heure</h1>
    </>
  );
  if (!found.ok || !place.ok || !found.data || !place.data) {
    return (
      <>
        {header}
        <ServiceUnavailable />
      </>
    );
  }
  const { motif } = found.data;
  const placeInfo = place.data;
  const summary = (
    <div className={fr.cx("fr-mb-3w")}>
      <p className={fr.cx("fr-mb-1w")}>
        {motif.name} ({motifDetails(motif)}) — <strong>{placeInfo.name}</strong>
        {placeInfo.address && isOnSite(motif.locationType) ? `, ${placeInfo.address}` : ""}.
      </p>
      <p className={fr.cx("fr-mb-1w")}>
        <Link href={paths.places(commune, motifId)}>Choisir un autre lieu</Link>
        {placeInfo.phone && (
          <>
            {" "}
            · Téléphone : <PhoneLink phone={placeInfo.phone} />
          </>
        )}
      </p>
    </div>
  );

  // no slot suits: told by SMS when one frees up (individual motifs)
  const waitlistLink = motif.collective ? null : (
    <p className={fr.cx("fr-mt-4w")}>
      <Link href={paths.waitlistJoin(commune, motifId, placeId)} className={fr.cx("fr-link", "fr-icon-notification-3-line", "fr-link--icon-left")}>
        Prévenez-moi si un créneau plus tôt se libère
      </Link>
    </p>
  );

  const firstAvailable = placeInfo.nextSlot ?? undefined;
  if (!firstAvailable) {
    return (
      <>
        {header}
        {summary}
        <NoSlots placeName={placeInfo.name} phone={placeInfo.phone} />
        {waitlistLink}
      </>
    );
  }

  if (motif.collective) {
    const from = localDateOf(firstAvailable.startsAt);
    const sessions = await listSessions(motifId, placeId, from, addDays(from, MAX_RANGE_DAYS - 1));
    return (
      <>
        {header}
        {summary}
        {!sessions.ok ? (
          <ServiceUnavailable />
        ) : sessions.data.length === 0 ? (
          <NoSlots placeName={placeInfo.name} phone={placeInfo.phone} />
        ) : (
          <SessionList sessions={sessions.data} sessionHref={(startsAt) => paths.identity(commune, motifId, placeId, startsAt)} />
        )}
      </>
    );
  }

  // The first week shown is the one of the next available slot; nothing is bookable before it.
  const firstWeek = mondayOf(localDateOf(firstAvailable.startsAt));
  const monday = requestedWeek && mondayOf(requestedWeek) > firstWeek ? mondayOf(requestedWeek) : firstWeek;
  const week = await loadWeek(motifId, placeId, monday);

  return (
    <>
      {header}
      {summary}
      {!week.ok ? (
        <ServiceUnavailable />
      ) : (
        <WeekSlots
          monday={monday}
          slots={week.data.slots}
          nextAfter={week.data.nextAfter}
          firstAvailable={firstAvailable}
          slotHref={(startsAt) => paths.identity(commune, motifId, placeId, startsAt)}
          weekHref={(weekMonday) => paths.slots(commune, motifId, placeId, weekMonday)}
          placeName={placeInfo.name}
          phone={placeInfo.phone}
        />
      )}
      {waitlistLink}
    </>
  );
}
