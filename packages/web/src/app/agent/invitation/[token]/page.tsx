import type { Metadata } from "next";
import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import { InvitationInfo } from "@rdv/core/schema";
import { InvitationForm } from "@/components/agent/InvitationForm";
import { agentGet } from "@/lib/agent/server";

export const metadata: Metadata = { title: "Rejoindre une organisation", robots: { index: false }, referrer: "no-referrer" };

/**
 * The invitation link's page. A new address chooses its password; an existing account confirms
 * with its own password (which stays unchanged) to join the organisation.
 */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const info = await agentGet(`/v1/agent/auth/invitation/${encodeURIComponent(token)}`, {}, InvitationInfo);
  return (
    <div className={fr.cx("fr-grid-row", "fr-grid-row--center")}>
      <div className={fr.cx("fr-col-12", "fr-col-md-8", "fr-col-lg-6")}>
        <h1>Bienvenue dans l’espace agent</h1>
        {info.ok ? (
          <>
            <p>
              Vous êtes invité à rejoindre {info.data.organisationName ?? "une organisation"} sur l’agenda des services du département.{" "}
              {info.data.account === "existing"
                ? "Vous avez déjà un compte : confirmez avec votre mot de passe actuel, qui reste inchangé. Vous serez ensuite connecté."
                : "Choisissez votre mot de passe : vous serez ensuite connecté."}
            </p>
            <InvitationForm token={token} account={info.data.account} />
          </>
        ) : (
          <div className={fr.cx("fr-alert", "fr-alert--error")} role="alert">
            <h2 className={fr.cx("fr-alert__title")}>{info.status === 404 ? "Lien d’invitation expiré ou déjà utilisé" : "Service momentanément indisponible"}</h2>
            <p>
              {info.status === 404
                ? "Ce lien n’est plus valable : demandez une nouvelle invitation à l’administrateur de votre organisation. "
                : "Merci de réessayer dans un instant. "}
              <Link href="/agent/connexion">Aller à la page de connexion</Link>
            </p>
          </div>
        )}
      </div>
    </div>
  );
}
