import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { fr } from "@codegouvfr/react-dsfr";
import { ManageLinkProblem } from "@/components/ManageLinkProblem";
import { NoSlots } from "@/components/NoSlots";
import { ServiceUnavailable } from "@/components/ServiceUnavailable";
import { WeekSlots } from "@/components/WeekSlots";
import { listSlots } from "@/lib/api";
import { addDays, capitalize, formatDateTime, localDateOf, mondayOf, parseLocalDate } from "@/lib/time";
import { getManageView, motifIdOf, manageTitle } from "@/lib/manage";
import { firstParam, paths, type SearchParams } from "@/lib/paths";
import { loadWeek, MAX_RANGE_DAYS } from "@/lib/week";

type Params = Promise<{ token: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: await manageTitle((await params).token, "Changer la date ou l’heure"), robots: { index: false } };
}

/** Another slot of the same motif and place, in the same week view as the booking flow. */
export default async function ReschedulePage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { token } = await params;
  const query = await searchParams;
  const view = await getManageView(token);
  if (!view.ok) return <ManageLinkProblem result={view} />;
  const appointment = view.data;
  const motifId = motifIdOf(appointment, firstParam(query.motif));
  const motifParam = appointment.motif.id ? undefined : motifId;
  if (!appointment.canReschedule || !motifId) redirect(paths.manage(token, { motif: motifParam }));

  const header = (
    <>
      <h1>Changer la date ou l’heure</h1>
      {firstParam(query.erreur) === "creneau-pris" && (
        <div className={fr.cx("fr-alert", "fr-alert--warning", "fr-mb-4w")} role="alert">
          <h2 className={fr.cx("fr-alert__title")}>Ce créneau vient d’être réservé</h2>
          <p>Nous sommes désolés. Votre rendez-vous n’a pas changé : choisissez un autre horaire ci-dessous.</p>
        </div>
      )}
      <p>
        Votre rendez-vous actuel : <strong>{capitalize(formatDateTime(appointment.startsAt))}</strong>, {appointment.place.name}. Il
        reste prévu tant que vous n’avez pas confirmé un nouvel horaire.{" "}
        <Link href={paths.manage(token, { motif: motifParam })}>Revenir à mon rendez-vous</Link>
      </p>
    </>
  );

  // The earliest free slot: before the current appointment first (the API drops past ones), then after.
  const day = localDateOf(appointment.startsAt);
  const before = await listSlots(motifId, appointment.place.id, addDays(day, -(MAX_RANGE_DAYS - 1)), day);
  const after = before.ok && before.data.length === 0 ? await listSlots(motifId, appointment.place.id, addDays(day, 1), addDays(day, MAX_RANGE_DAYS)) : before;
  if (!before.ok || !after.ok) {
    return (
      <>
        {header}
        <ServiceUnavailable />
      </>
    );
  }
  const firstAvailable = before.data[0] ?? after.data[0];
  if (!firstAvailable) {
    return (
      <>
        {header}
        <NoSlots placeName={appointment.place.name} phone={appointment.place.phone} />
      </>
    );
  }

  const firstWeek = mondayOf(localDateOf(firstAvailable.startsAt));
  const requested = parseLocalDate(firstParam(query.semaine));
  const monday = requested && mondayOf(requested) > firstWeek ? mondayOf(requested) : firstWeek;
  const week = await loadWeek(motifId, appointment.place.id, monday);

  return (
    <>
      {header}
      {!week.ok ? (
        <ServiceUnavailable />
      ) : (
        <WeekSlots
          monday={monday}
          slots={week.data.slots}
          nextAfter={week.data.nextAfter}
          firstAvailable={firstAvailable}
          slotHref={(startsAt) => paths.rescheduleConfirm(token, motifParam, startsAt)}
          weekHref={(weekMonday) => paths.reschedule(token, motifParam, weekMonday)}
          placeName={appointment.place.name}
          phone={appointment.place.phone}
        />
      )}
    </>
  );
}
