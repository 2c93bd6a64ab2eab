import type { Metadata } from "next";
import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import { PasswordResetLinkInfo } from "@rdv/core/schema";
import { NewPasswordForm } from "@/components/agent/PasswordResetForms";
import { agentGet } from "@/lib/agent/server";

export const metadata: Metadata = { title: "Nouveau mot de passe", robots: { index: false }, referrer: "no-referrer" };

/** The reset link's page: choose a new password (the link works once, for 1 hour). */
export default async function NewPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await agentGet(`/v1/agent/auth/password-reset/${encodeURIComponent(token)}`, {}, PasswordResetLinkInfo);
  return (
    <div className={fr.cx("fr-grid-row", "fr-grid-row--center")}>
      <div className={fr.cx("fr-col-12", "fr-col-md-8", "fr-col-lg-6")}>
        <h1>Choisir un nouveau mot de passe</h1>
        {link.ok ? (
          <>
            <p>Votre nouveau mot de passe remplace l’ancien. Vos autres sessions ouvertes seront fermées, et vous serez connecté ici.</p>
            <NewPasswordForm token={token} />
          </>
        ) : (
          <div className={fr.cx("fr-alert", "fr-alert--error")} role="alert">
            <h2 className={fr.cx("fr-alert__title")}>{link.status === 404 ? "Lien expiré ou déjà utilisé" : "Service momentanément indisponible"}</h2>
            <p>
              {link.status === 404 ? "Ce lien n’est plus valable. " : "Merci de réessayer dans un instant. "}
              <Link href="/agent/mot-de-passe-oublie">Demander un nouveau lien</Link>
            </p>
          </div>
        )}
      </div>
    </div>
  );
}
