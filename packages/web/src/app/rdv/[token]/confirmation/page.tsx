import type { Metadata } from "next";
import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import { AppointmentDetails, Instructions } from "@/components/AppointmentDetails";
import { ManageLinkProblem } from "@/components/ManageLinkProblem";
import { getManageView, motifIdOf, manageTitle } from "@/lib/manage";
import { firstParam, paths, publicUrl, type SearchParams } from "@/lib/paths";

type Params = Promise<{ token: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: await manageTitle((await params).token, "Rendez-vous confirmé"), robots: { index: false } };
}

export default async function ConfirmationPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { token } = await params;
  const view = await getManageView(token);
  if (!view.ok) return <ManageLinkProblem result={view} />;
  const motifId = motifIdOf(view.data, firstParam((await searchParams).motif));
  const manageHref = paths.manage(token, { motif: view.data.motif.id ? undefined : motifId });
  const manageUrl = `${publicUrl()}${manageHref}`;
  const booked = view.data.status === "booked";

  return (
    <>
      <h1>{booked ? "Votre rendez-vous est confirmé" : "Votre rendez-vous"}</h1>
      {booked && (
        <div className={fr.cx("fr-alert", "fr-alert--success", "fr-mb-4w")}>
          <p>
            Merci {view.data.serviceUser.firstName}. Vous allez recevoir la confirmation par SMS, puis un rappel avant
            le rendez-vous.
          </p>
        </div>
      )}

      <AppointmentDetails view={view.data} />
      <Instructions text={view.data.motif.instructions} />

      <h2 className={fr.cx("fr-h5")}>{view.data.canReschedule ? "Annuler ou déplacer ce rendez-vous" : "Annuler ce rendez-vous"}</h2>
      <p>
        Un empêchement ? Gardez ce lien : il permet {view.data.canReschedule ? "d’annuler ou de changer l’horaire de" : "d’annuler"} ce
        rendez-vous. Il figure aussi dans le SMS de confirmation.
      </p>
      <p className="rdv-break">
        <Link href={manageHref}>{manageUrl}</Link>
      </p>

      <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-md", "fr-mt-4w")}>
        <li>
          <a
            href={paths.calendar(token)}
            download="rendez-vous.ics"
            className={fr.cx("fr-btn", "fr-btn--secondary", "fr-btn--icon-left", "fr-icon-calendar-line")}
          >
            Ajouter à mon agenda (fichier .ics)
          </a>
        </li>
        <li>
          <Link href={manageHref} className={fr.cx("fr-btn", "fr-btn--tertiary")}>
            Gérer mon rendez-vous
          </Link>
        </li>
      </ul>
    </>
  );
}
