import type { Metadata } from "next";
import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import { PasswordResetRequestForm } from "@/components/agent/PasswordResetForms";

export const metadata: Metadata = { title: "Mot de passe oublié", robots: { index: false } };

export default function ForgottenPasswordPage() {
  return (
    <div className={fr.cx("fr-grid-row", "fr-grid-row--center")}>
      <div className={fr.cx("fr-col-12", "fr-col-md-8", "fr-col-lg-6")}>
        <h1>Mot de passe oublié</h1>
        <p>Indiquez votre adresse e-mail professionnelle : vous recevrez un lien pour choisir un nouveau mot de passe. Ce lien est valable 1 heure.</p>
        <PasswordResetRequestForm />
        <p className={fr.cx("fr-mt-4w")}>
          <Link href="/agent/connexion">Retour à la page de connexion</Link>
        </p>
      </div>
    </div>
  );
}
