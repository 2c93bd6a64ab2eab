import type { Metadata } from "next";
import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";

export const metadata: Metadata = { title: "Connexion avec ProConnect impossible", robots: { index: false } };

/** What the API's ProConnect routes send the browser here with (`?erreur=<code>`), in plain words. */
const REASONS: Record<string, { title: string; text: string; retry: boolean }> = {
  "auth.oidc_unknown_account": {
    title: "Aucun compte RDV pour cette identité",
    text: "Votre identité ProConnect a bien été reconnue, mais aucun compte agent RDV ne correspond à votre adresse e-mail. Demandez à l’administrateur de votre organisation de vous inviter avec cette adresse.",
    retry: false,
  },
  "auth.oidc_email_unverified": {
    title: "Adresse e-mail non vérifiée",
    text: "ProConnect n’a pas pu nous confirmer votre adresse e-mail : nous ne pouvons pas la rapprocher d’un compte RDV. Adressez-vous à l’administrateur de votre organisation.",
    retry: false,
  },
  "auth.oidc_other_identity": {
    title: "Compte déjà associé à une autre identité",
    text: "Ce compte RDV est déjà associé à une autre identité ProConnect. Adressez-vous à l’administrateur de votre organisation.",
    retry: false,
  },
  "auth.account_deactivated": {
    title: "Compte désactivé",
    text: "Votre compte RDV a été désactivé. Adressez-vous à l’administrateur de votre organisation.",
    retry: false,
  },
  "auth.forbidden": {
    title: "Compte rattaché à aucune organisation",
    text: "Votre compte RDV n’est rattaché à aucune organisation. Adressez-vous à l’administrateur de votre organisation.",
    retry: false,
  },
  "auth.oidc_disabled": {
    title: "ProConnect n’est pas proposé ici",
    text: "La connexion avec ProConnect n’est pas ouverte sur ce service. Connectez-vous avec votre adresse e-mail et votre mot de passe.",
    retry: true,
  },
  "auth.oidc_unavailable": {
    title: "ProConnect ne répond pas",
    text: "ProConnect ne répond pas pour le moment. Merci de réessayer dans quelques minutes.",
    retry: true,
  },
  "limit.oidc_starts": {
    title: "Trop de tentatives",
    text: "Vous avez commencé beaucoup de connexions en peu de temps. Merci de patienter quelques minutes avant de réessayer.",
    retry: true,
  },
};
const FAILED = {
  title: "La connexion n’a pas abouti",
  text: "La connexion avec ProConnect a été annulée, a expiré ou n’a pas pu être vérifiée. Merci de recommencer.",
  retry: true,
};

export default async function ProConnectRefusedPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const code = (await searchParams).erreur;
  const reason = (typeof code === "string" && REASONS[code]) || FAILED;
  return (
    <div className={fr.cx("fr-grid-row", "fr-grid-row--center")}>
      <div className={fr.cx("fr-col-12", "fr-col-md-8", "fr-col-lg-6")}>
        <h1>Connexion à l’espace agent</h1>
        <div className={fr.cx("fr-alert", "fr-alert--error", "fr-mb-4w")} role="alert">
          <h2 className={fr.cx("fr-alert__title")}>{reason.title}</h2>
          <p>{reason.text}</p>
        </div>
        <p>
          <Link href="/agent/connexion">{reason.retry ? "Retourner à la page de connexion" : "Aller à la page de connexion"}</Link>
        </p>
      </div>
    </div>
  );
}
