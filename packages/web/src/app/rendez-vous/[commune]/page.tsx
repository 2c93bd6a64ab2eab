import type { Metadata } from "next";
import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import { Tile } from "@codegouvfr/react-dsfr/Tile";
import { Steps } from "@/components/Steps";
import { ServiceUnavailable } from "@/components/ServiceUnavailable";
import { getCommune, getServices } from "@/lib/cached";
import { motifDetails } from "@/lib/labels";
import { paths } from "@/lib/paths";
import { LinkPending } from "@/components/LinkPending";
import { NotFoundContent } from "@/components/NotFoundContent";

type Params = Promise<{ commune: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const commune = await getCommune((await params).commune);
  if (commune.ok && commune.data === null) return { title: "Page introuvable" };
  return { title: commune.ok && commune.data ? `Choisir le motif — ${commune.data.name}` : "Choisir le motif" };
}

export default async function MotifsPage({ params }: { params: Params }) {
  const { commune: code } = await params;
  const [commune, services] = await Promise.all([getCommune(code), getServices(code)]);
  if (commune.ok && commune.data === null) {
    return (
      <NotFoundContent title="Commune introuvable">
        <p>Cette commune ne fait pas partie de celles que desservent les services du département.</p>
      </NotFoundContent>
    );
  }

  return (
    <>
      <Steps current={1} />
      <h1>Quel est le motif de votre rendez-vous ?</h1>
      <p>
        {commune.ok && commune.data ? <>Commune : {commune.data.name}. </> : null}
        <Link href={paths.home()}>Changer de commune</Link>
      </p>

      {!commune.ok || !services.ok ? (
        <ServiceUnavailable />
      ) : services.data.length === 0 ? (
        <div className={fr.cx("fr-callout")}>
          <h2 className={fr.cx("fr-callout__title", "fr-h5")}>Pas de rendez-vous en ligne pour cette commune</h2>
          <p className={fr.cx("fr-callout__text")}>
            Aucun service ne propose pour l’instant de rendez-vous en ligne pour {commune.data?.name}. Contactez la
            maison départementale des solidarités la plus proche de chez vous par téléphone.
          </p>
        </div>
      ) : (
        services.data.map((service) => (
          <section key={service.id} aria-labelledby={`service-${service.id}`} className={fr.cx("fr-mb-5w")}>
            <h2 id={`service-${service.id}`} className={fr.cx("fr-h4")}>
              {service.name}
            </h2>
            <ul className={`${fr.cx("fr-grid-row", "fr-grid-row--gutters")} rdv-plain-list`}>
              {service.motifs.map((motif) => (
                <li key={motif.id} className={fr.cx("fr-col-12", "fr-col-md-6")}>
                  <Tile
                    title={
                      <>
                        {motif.name}
                        <LinkPending />
                      </>
                    }
                    titleAs="h3"
                    desc={motifDetails(motif)}
                    orientation="horizontal"
                    small
                    linkProps={{ href: paths.places(code, motif.id), prefetch: false }}
                  />
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </>
  );
}
