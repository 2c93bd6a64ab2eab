import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { fr } from "@codegouvfr/react-dsfr";
import { ManageLinkProblem } from "@/components/ManageLinkProblem";
import { ServiceUnavailable } from "@/components/ServiceUnavailable";
import { capitalize, formatDateTime, localDateOf, mondayOf, parseInstant } from "@/lib/time";
import { getManageView, motifIdOf, manageTitle } from "@/lib/manage";
import { firstParam, paths, type SearchParams } from "@/lib/paths";
import { rescheduleAction } from "@/app/rdv/actions";

type Params = Promise<{ token: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: await manageTitle((await params).token, "Confirmer le nouvel horaire"), robots: { index: false } };
}

export default async function RescheduleConfirmPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { token } = await params;
  const query = await searchParams;
  const view = await getManageView(token);
  if (!view.ok) return <ManageLinkProblem result={view} />;
  const motifParam = view.data.motif.id ? undefined : motifIdOf(view.data, firstParam(query.motif));
  const startsAt = parseInstant(firstParam(query.creneau));
  if (!view.data.canReschedule || !startsAt) redirect(paths.manage(token, { motif: motifParam }));

  return (
    <>
      <h1>Confirmer le nouvel horaire</h1>
      {firstParam(query.erreur) === "indisponible" && <ServiceUnavailable />}
      <dl className="rdv-details">
        <dt>Horaire actuel</dt>
        <dd>{capitalize(formatDateTime(view.data.startsAt))}</dd>
        <dt>Nouvel horaire</dt>
        <dd>
          <strong>{capitalize(formatDateTime(startsAt))}</strong>
        </dd>
        <dt>Lieu</dt>
        <dd>{view.data.place.name}</dd>
      </dl>
      <form action={rescheduleAction}>
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="startsAt" value={startsAt} />
        {motifParam && <input type="hidden" name="motif" value={motifParam} />}
        <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-md")}>
          <li>
            <button type="submit" className={fr.cx("fr-btn")}>
              Confirmer le nouvel horaire
            </button>
          </li>
          <li>
            <Link
              href={paths.reschedule(token, motifParam, mondayOf(localDateOf(startsAt)))}
              className={fr.cx("fr-btn", "fr-btn--secondary")}
            >
              Choisir un autre horaire
            </Link>
          </li>
        </ul>
      </form>
    </>
  );
}
