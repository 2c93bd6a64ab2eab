import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { fr } from "@codegouvfr/react-dsfr";
import { ProConnectButton } from "@codegouvfr/react-dsfr/ProConnectButton";
import { SignInForm } from "@/components/agent/SignInForm";
import { currentAgent, proConnectStartPath, signInMethods } from "@/lib/agent/server";

export const metadata: Metadata = { title: "Connexion à l’espace agent", robots: { index: false } };

function safeNext(value: string | string[] | undefined): string {
  const next = typeof value === "string" ? value : "";
  return next.startsWith("/agent") && !next.startsWith("//") && !next.startsWith("/agent/connexion") ? next : "/agent";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNext((await searchParams).suite);
  const signedIn = await currentAgent().catch(() => null);
  if (signedIn) redirect(next);
  const methods = await signInMethods();
  return (
    <div className={fr.cx("fr-grid-row", "fr-grid-row--center")}>
      <div className={fr.cx("fr-col-12", "fr-col-md-8", "fr-col-lg-6")}>
        <h1>Connexion à l’espace agent</h1>
        {methods.proConnect && (
          <>
            <p>Connectez-vous avec ProConnect, l’identifiant des agents publics, pour gérer les agendas et les rendez-vous de votre organisation.</p>
            <ProConnectButton url={proConnectStartPath(next)} />
          </>
        )}
        {methods.proConnect && methods.password && <p className={fr.cx("fr-hr-or")}>ou</p>}
        {methods.password && (
          <>
            <p>Connectez-vous avec votre adresse e-mail professionnelle et votre mot de passe{methods.proConnect ? "." : " pour gérer les agendas et les rendez-vous de votre organisation."}</p>
            <SignInForm next={next} />
            <p className={fr.cx("fr-mt-2w")}>
              <Link href="/agent/mot-de-passe-oublie">Mot de passe oublié ?</Link>
            </p>
          </>
        )}
        <p className={fr.cx("fr-mt-4w", "fr-text--sm")}>
          {methods.password
            ? "Pas encore de compte ? L’administrateur de votre organisation vous envoie une invitation par e-mail ; son lien vous permet de choisir votre mot de passe."
            : "Pas encore de compte ? Demandez à l’administrateur de votre organisation de vous inviter, avec l’adresse e-mail de votre compte ProConnect."}
        </p>
      </div>
    </div>
  );
}
