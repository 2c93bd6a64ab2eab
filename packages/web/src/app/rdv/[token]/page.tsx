import type { Metadata } from "next";
import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import { AppointmentDetails, Instructions } from "@/components/AppointmentDetails";
import { ManageLinkProblem } from "@/components/ManageLinkProblem";
import { PhoneLink } from "@/components/PlacePhone";
import { getAppointmentWaitlist, type ManageView } from "@/lib/api";
import { formatLocalDate } from "@/lib/time";
import { joinEarlierAction, leaveEarlierAction } from "../../liste-attente/actions";
import { getManageView, motifIdOf, manageTitle } from "@/lib/manage";
import { firstParam, paths, type SearchParams } from "@/lib/paths";

type Params = Promise<{ token: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: await manageTitle((await params).token, "Mon rendez-vous"), robots: { index: false } };
}

const STATUS_LABELS: Record<ManageView["status"], { label: string; badge: "new" | "success" | "info" | "warning" | "error" }> = {
  booked: { label: "À venir", badge: "info" },
  seen: { label: "Honoré", badge: "success" },
  excused: { label: "Annulé", badge: "warning" },
  revoked: { label: "Annulé par le service", badge: "warning" },
  noshow: { label: "Non honoré", badge: "error" },
};

const MESSAGES: Record<string, { severity: "success" | "error"; text: string }> = {
  annule: { severity: "success", text: "Votre rendez-vous est annulé. Le créneau est libéré pour une autre personne. Merci de nous avoir prévenus." },
  deplace: { severity: "success", text: "Votre rendez-vous a bien été déplacé. Vous allez recevoir un SMS avec le nouvel horaire." },
  "annulation-impossible": { severity: "error", text: "Ce rendez-vous ne peut pas être annulé en ligne." },
  "deplacement-impossible": { severity: "error", text: "Ce rendez-vous ne peut pas être déplacé en ligne." },
  "liste-attente": { severity: "success", text: "C’est noté : nous vous enverrons un SMS si un créneau plus tôt se libère." },
  "liste-attente-quittee": { severity: "success", text: "Vous ne serez plus prévenu si un créneau plus tôt se libère." },
  "liste-attente-limite": { severity: "error", text: "Ce numéro est déjà sur plusieurs listes d’attente : quittez-en une avant de vous inscrire sur celle-ci." },
  "liste-attente-impossible": { severity: "error", text: "L’inscription sur la liste d’attente n’est pas possible pour ce rendez-vous." },
  "deplacement-limite": {
    severity: "error",
    text: "Votre numéro a déjà reçu beaucoup de SMS aujourd’hui : le rendez-vous ne peut plus être déplacé en ligne avant demain. Pour le déplacer aujourd’hui, merci d’appeler le lieu de rendez-vous.",
  },
};

export default async function ManagePage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { token } = await params;
  const query = await searchParams;
  const view = await getManageView(token);
  if (!view.ok) return <ManageLinkProblem result={view} />;
  const appointment = view.data;
  const motifId = motifIdOf(appointment, firstParam(query.motif));
  const message = MESSAGES[firstParam(query.message) ?? ""];
  const status = STATUS_LABELS[appointment.status];
  const blockedReasons = [
    !appointment.canCancel ? appointment.cancelBlockedReason : undefined,
    !appointment.canReschedule ? appointment.rescheduleBlockedReason : undefined,
  ].filter((reason, index, all): reason is string => reason !== undefined && all.indexOf(reason) === index);
  // Without the motif's id the site cannot list its slots: the usager is told to call instead.
  const canReschedule = appointment.canReschedule && motifId !== undefined;
  // an earlier slot: offered by SMS from the waitlist (an appointment to come, individual)
  const waitlist = appointment.status === "booked" && !appointment.collective ? await getAppointmentWaitlist(token) : undefined;
  const entry = waitlist?.ok ? waitlist.data.entry : undefined;

  return (
    <>
      <h1>Mon rendez-vous</h1>
      {message && (
        <div className={fr.cx("fr-alert", message.severity === "success" ? "fr-alert--success" : "fr-alert--error", "fr-mb-4w")} role="status">
          <p>{message.text}</p>
        </div>
      )}
      <p>
        <span className={fr.cx("fr-badge", `fr-badge--${status.badge}`, "fr-badge--no-icon")}>{status.label}</span>
      </p>

      <AppointmentDetails view={appointment} />
      {appointment.status === "booked" && <Instructions text={appointment.motif.instructions} />}

      {(appointment.canCancel || canReschedule) && (
        <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-md")}>
          {canReschedule && (
            <li>
              <Link href={paths.reschedule(token, appointment.motif.id ? undefined : motifId)} className={fr.cx("fr-btn")}>
                Changer la date ou l’heure
              </Link>
            </li>
          )}
          {appointment.canCancel && (
            <li>
              <Link href={paths.cancel(token, appointment.motif.id ? undefined : motifId)} className={fr.cx("fr-btn", "fr-btn--secondary")}>
                Annuler le rendez-vous
              </Link>
            </li>
          )}
        </ul>
      )}

      {waitlist?.ok && (
        <section className={fr.cx("fr-mb-4w")} aria-labelledby="liste-attente">
          <h2 id="liste-attente" className={fr.cx("fr-h6")}>
            Un créneau plus tôt ?
          </h2>
          {entry?.status === "waiting" ? (
            <form action={leaveEarlierAction}>
              <p>Vous êtes sur la liste d’attente : nous vous prévenons par SMS si un créneau plus tôt se libère (jusqu’au {formatLocalDate(entry.until)}).</p>
              <input type="hidden" name="token" value={token} />
              <button type="submit" className={fr.cx("fr-btn", "fr-btn--tertiary")}>
                Ne plus être prévenu
              </button>
            </form>
          ) : (
            <form action={joinEarlierAction}>
              <input type="hidden" name="token" value={token} />
              <button type="submit" className={fr.cx("fr-btn", "fr-btn--secondary")}>
                Prévenez-moi si un créneau plus tôt se libère
              </button>
            </form>
          )}
        </section>
      )}

      {(blockedReasons.length > 0 || (appointment.canReschedule && !canReschedule)) && appointment.status === "booked" && (
        <div className={fr.cx("fr-callout", "fr-mb-4w")}>
          <h2 className={fr.cx("fr-callout__title", "fr-h6")}>
            {appointment.canCancel || canReschedule ? "Autres changements" : "Modifier ce rendez-vous"}
          </h2>
          {blockedReasons.map((reason) => (
            <p key={reason} className={fr.cx("fr-callout__text")}>
              {reason}
            </p>
          ))}
          <p className={fr.cx("fr-callout__text")}>
            {appointment.place.phone ? (
              <>
                Pour toute modification, appelez {appointment.place.name} au <PhoneLink phone={appointment.place.phone} />.
              </>
            ) : (
              <>Pour toute modification, contactez {appointment.place.name}.</>
            )}
          </p>
        </div>
      )}
      {appointment.status !== "booked" && blockedReasons.length > 0 && (
        <p>
          {blockedReasons.join(" ")} <Link href="/">Prendre un nouveau rendez-vous</Link>
        </p>
      )}
    </>
  );
}
