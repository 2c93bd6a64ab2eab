import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { fr } from "@codegouvfr/react-dsfr";
import { AppointmentDetails } from "@/components/AppointmentDetails";
import { ManageLinkProblem } from "@/components/ManageLinkProblem";
import { ServiceUnavailable } from "@/components/ServiceUnavailable";
import { capitalize, formatDateTime } from "@/lib/time";
import { getManageView, manageTitle } from "@/lib/manage";
import { firstParam, paths, type SearchParams } from "@/lib/paths";
import { cancelAction } from "@/app/rdv/actions";

type Params = Promise<{ token: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: await manageTitle((await params).token, "Annuler mon rendez-vous"), robots: { index: false } };
}

/** The confirmation step before cancelling: a plain form posting to a Server Action. */
export default async function CancelPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { token } = await params;
  const query = await searchParams;
  const motif = firstParam(query.motif);
  const view = await getManageView(token);
  if (!view.ok) return <ManageLinkProblem result={view} />;
  if (!view.data.canCancel) redirect(paths.manage(token, { motif }));

  return (
    <>
      <h1>Annuler mon rendez-vous</h1>
      {firstParam(query.erreur) === "indisponible" && <ServiceUnavailable />}
      <p className={fr.cx("fr-text--lead")}>
        Voulez-vous vraiment annuler votre rendez-vous du {capitalize(formatDateTime(view.data.startsAt))} ?
      </p>
      <AppointmentDetails view={view.data} />
      <p>Le créneau sera libéré pour une autre personne. Vous recevrez un SMS confirmant l’annulation.</p>
      <form action={cancelAction}>
        <input type="hidden" name="token" value={token} />
        {motif && <input type="hidden" name="motif" value={motif} />}
        <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-md")}>
          <li>
            <button type="submit" className={fr.cx("fr-btn")}>
              Oui, annuler le rendez-vous
            </button>
          </li>
          <li>
            <Link href={paths.manage(token, { motif })} className={fr.cx("fr-btn", "fr-btn--secondary")}>
              Non, garder mon rendez-vous
            </Link>
          </li>
        </ul>
      </form>
    </>
  );
}
