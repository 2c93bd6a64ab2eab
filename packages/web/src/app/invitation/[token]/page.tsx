import type { Metadata } from "next";
import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import { NotFoundContent } from "@/components/NotFoundContent";
import { ServiceUnavailable } from "@/components/ServiceUnavailable";
import { WeekSlots } from "@/components/WeekSlots";
import { getInvitation, listInvitationSlots, type Invitation } from "@/lib/api";
import { now } from "@/lib/agent/clock";
import { isOnSite, motifDetails } from "@/lib/labels";
import { firstParam, paths, type SearchParams } from "@/lib/paths";
import { addDays, capitalize, formatDate, formatLocalDate, formatTime, localDateOf, mondayOf, parseInstant, parseLocalDate } from "@/lib/time";
import { bookInvitationAction } from "../actions";

type Params = Promise<{ token: string }>;

export const metadata: Metadata = { title: "Invitation à prendre rendez-vous", robots: { index: false } };

const MESSAGES: Record<string, string> = {
  pris: "Ce créneau vient d’être pris par quelqu’un d’autre. Merci d’en choisir un autre.",
  limite: "Ce rendez-vous ne peut pas être pris en ligne avec votre numéro. Merci d’appeler le service qui vous a invité.",
  indisponible: "Le service ne répond pas pour le moment. Merci de réessayer dans un instant.",
};

/**
 * The page of a booking invitation's link: the usager is already known (no identity step). They
 * choose the motif and the place when there is a choice, then a slot, then confirm.
 */
export default async function InvitationPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { token } = await params;
  const query = await searchParams;
  const found = await getInvitation(token);
  if (!found.ok && found.reason === "http" && (found.status === 404 || found.status === 400)) {
    return (
      <NotFoundContent title="Ce lien ne fonctionne pas">
        <p>Ce lien d’invitation n’est pas valide. Vérifiez qu’il est complet (copiez-le depuis le SMS ou l’e-mail reçu).</p>
      </NotFoundContent>
    );
  }
  if (!found.ok) {
    return (
      <>
        <h1>Invitation à prendre rendez-vous</h1>
        <ServiceUnavailable />
      </>
    );
  }
  const invitation = found.data;
  if (invitation.state === "booked") {
    return (
      <>
        <h1>Vous avez déjà pris rendez-vous</h1>
        <p>Cette invitation a déjà servi. Pour consulter, annuler ou déplacer votre rendez-vous, utilisez le lien reçu par SMS ou par e-mail après la réservation.</p>
      </>
    );
  }
  if (invitation.state === "expired") {
    return (
      <>
        <h1>Cette invitation a expiré</h1>
        <p>
          Elle était valable jusqu’au {formatLocalDate(invitation.expiresOn)}. Pour prendre rendez-vous, merci de contacter {invitation.organisation}.
        </p>
      </>
    );
  }
  const message = MESSAGES[firstParam(query.message) ?? ""];
  const motif = invitation.motifs.length === 1 ? invitation.motifs[0] : invitation.motifs.find((m) => m.id === firstParam(query.motif));
  const placesOfMotif = motif ? invitation.places.filter((p) => motif.placeIds.includes(p.id)) : [];
  const place = placesOfMotif.length === 1 ? placesOfMotif[0] : placesOfMotif.find((p) => p.id === firstParam(query.lieu));

  return (
    <>
      <h1>Bonjour {invitation.firstName}, choisissez votre rendez-vous</h1>
      <p>
        {invitation.organisation} vous invite à prendre un rendez-vous {invitation.service}, avant le {formatLocalDate(invitation.expiresOn)}.
      </p>
      {message && (
        <div className={fr.cx("fr-alert", "fr-alert--error", "fr-mb-4w")} role="alert">
          <p>{message}</p>
        </div>
      )}
      {!motif ? (
        <MotifChoice token={token} invitation={invitation} />
      ) : !place ? (
        <PlaceChoice token={token} motifId={motif.id} places={placesOfMotif} />
      ) : (
        <SlotStep token={token} invitation={invitation} motif={motif} place={place} week={parseLocalDate(firstParam(query.semaine))} chosen={parseInstant(firstParam(query.creneau))} />
      )}
    </>
  );
}

function MotifChoice({ token, invitation }: { token: string; invitation: Invitation }) {
  return (
    <section aria-labelledby="motif-titre">
      <h2 id="motif-titre" className={fr.cx("fr-h4")}>
        Quel rendez-vous ?
      </h2>
      <ul>
        {invitation.motifs.map((m) => (
          <li key={m.id}>
            <Link href={paths.invitation(token, { motif: m.id })}>{m.name}</Link> ({motifDetails(m)})
          </li>
        ))}
      </ul>
    </section>
  );
}

function PlaceChoice({ token, motifId, places }: { token: string; motifId: string; places: Invitation["places"] }) {
  if (places.length === 0) return <p>Aucun lieu ne propose ce rendez-vous pour le moment. Merci de contacter le service qui vous a invité.</p>;
  return (
    <section aria-labelledby="lieu-titre">
      <h2 id="lieu-titre" className={fr.cx("fr-h4")}>
        Où ?
      </h2>
      <ul>
        {places.map((p) => (
          <li key={p.id}>
            <Link href={paths.invitation(token, { motif: motifId, lieu: p.id })}>{p.name}</Link> — {p.address}
          </li>
        ))}
      </ul>
    </section>
  );
}

async function SlotStep(props: { token: string; invitation: Invitation; motif: Invitation["motifs"][number]; place: Invitation["places"][number]; week?: string; chosen?: string }) {
  const { token, invitation, motif, place, chosen } = props;
  const summary = (
    <p>
      {motif.name} ({motifDetails(motif)}) — <strong>{place.name}</strong>
      {isOnSite(motif.locationType) ? `, ${place.address}` : ""}.
    </p>
  );
  if (chosen) {
    return (
      <section aria-labelledby="confirmer-titre">
        <h2 id="confirmer-titre" className={fr.cx("fr-h4")}>
          Confirmez votre rendez-vous
        </h2>
        {summary}
        <p>
          <strong>
            {capitalize(formatDate(chosen))} à {formatTime(chosen)}
          </strong>
        </p>
        <form action={bookInvitationAction}>
          <input type="hidden" name="token" value={token} />
          <input type="hidden" name="motif" value={motif.id} />
          <input type="hidden" name="lieu" value={place.id} />
          <input type="hidden" name="creneau" value={chosen} />
          <button type="submit" className={fr.cx("fr-btn")}>
            Confirmer le rendez-vous
          </button>
        </form>
        <p className={fr.cx("fr-mt-2w")}>
          <Link href={paths.invitation(token, { motif: motif.id, lieu: place.id })}>Choisir un autre créneau</Link>
        </p>
      </section>
    );
  }
  // every slot up to the invitation's last day (92 days at most): the first one sets the first week shown
  const today = localDateOf(now());
  const last = invitation.expiresOn < addDays(today, 91) ? invitation.expiresOn : addDays(today, 91);
  const all = await listInvitationSlots(token, motif.id, place.id, today, last);
  if (!all.ok) return <ServiceUnavailable />;
  const first = all.data[0];
  const firstWeek = first ? mondayOf(localDateOf(first.startsAt)) : mondayOf(today);
  const monday = props.week && mondayOf(props.week) > firstWeek ? mondayOf(props.week) : firstWeek;
  const sunday = addDays(monday, 6);
  const slots = all.data.filter((s) => localDateOf(s.startsAt) >= monday && localDateOf(s.startsAt) <= sunday);
  return (
    <>
      {summary}
      <WeekSlots
        monday={monday}
        slots={slots}
        nextAfter={slots.length === 0 ? all.data.find((s) => localDateOf(s.startsAt) > sunday) : undefined}
        firstAvailable={first}
        slotHref={(startsAt) => paths.invitation(token, { motif: motif.id, lieu: place.id, creneau: startsAt })}
        weekHref={(week) => paths.invitation(token, { motif: motif.id, lieu: place.id, semaine: week })}
        placeName={place.name}
        phone={undefined}
      />
    </>
  );
}
