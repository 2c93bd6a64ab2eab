import type { Metadata } from "next";
import { fr } from "@codegouvfr/react-dsfr";
import { InvitationForm } from "@/components/agent/InvitationForm";

export const metadata: Metadata = { title: "Choisir votre mot de passe", robots: { index: false }, referrer: "no-referrer" };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <div className={fr.cx("fr-grid-row", "fr-grid-row--center")}>
      <div className={fr.cx("fr-col-12", "fr-col-md-8", "fr-col-lg-6")}>
        <h1>Bienvenue dans l’espace agent</h1>
        <p>Vous avez été invité à utiliser l’agenda des services du département. Choisissez votre mot de passe : vous serez ensuite connecté.</p>
        <InvitationForm token={token} />
      </div>
    </div>
  );
}
