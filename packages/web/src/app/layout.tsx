import type { ReactNode } from "react";
import type { Metadata, Viewport } from "next";
import { Footer } from "@codegouvfr/react-dsfr/Footer";
import { SkipLinks } from "@codegouvfr/react-dsfr/SkipLinks";
import { fr } from "@codegouvfr/react-dsfr";
import { DsfrHead, getHtmlAttributes } from "@/dsfr-bootstrap/server-only-index";
import { DsfrProvider } from "@/dsfr-bootstrap";
import { DisplaySettings, displaySettingsFooterItem } from "@/components/DisplaySettings";
import { SiteHeader } from "@/components/SiteHeader";
import "./rdv.css";

const SERVICE_TITLE = "Prendre rendez-vous";
const SERVICE_TAGLINE = "Services sociaux et de santé du département";

export const metadata: Metadata = {
  title: { default: SERVICE_TITLE, template: `%s — ${SERVICE_TITLE}` },
  description:
    "Prenez rendez-vous en ligne avec les services sociaux et de santé de votre département.",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
};

const brandTop = (
  <>
    République
    <br />
    Française
  </>
);

const homeLinkProps = {
  href: "/",
  title: `Accueil — ${SERVICE_TITLE} (${SERVICE_TAGLINE})`,
};

export default function RootLayout({ children }: { children: ReactNode }) {
  const lang = "fr";
  return (
    <html {...getHtmlAttributes({ lang })}>
      <head>
        {/* Preloaded: without, the swap from the fallback font moved the slot buttons (layout shift 0.26 on the slots page). */}
        <DsfrHead preloadFonts={["Marianne-Regular", "Marianne-Medium", "Marianne-Bold"]} />
      </head>
      <body>
        <DsfrProvider lang={lang}>
          <SkipLinks
            links={[
              { label: "Contenu", anchor: "#contenu" },
              { label: "Pied de page", anchor: "#fr-footer" },
            ]}
          />
          <SiteHeader
            brandTop={brandTop}
            homeLinkProps={homeLinkProps}
            serviceTitle={SERVICE_TITLE}
            serviceTagline={SERVICE_TAGLINE}
            quickAccess={{ iconId: "fr-icon-account-circle-line", href: "/agent", text: "Espace agents" }}
          />
          <DisplaySettings />
          <main id="contenu" tabIndex={-1} className={fr.cx("fr-container", "fr-py-6w")}>
            {children}
          </main>
          <Footer
            brandTop={brandTop}
            homeLinkProps={homeLinkProps}
            accessibility="non compliant"
            accessibilityLinkProps={{ href: "/accessibilite" }}
            termsLinkProps={{ href: "/mentions-legales" }}
            bottomItems={[
              { text: "Données personnelles", linkProps: { href: "/donnees-personnelles" } },
              displaySettingsFooterItem,
            ]}
            contentDescription="Service public de prise de rendez-vous en ligne avec les services sociaux et de santé du département."
          />
        </DsfrProvider>
      </body>
    </html>
  );
}
