import type { ReactNode } from "react";
import Link from "next/link";

const HEADER_ID = "fr-header";
const MENU_ID = `header-menu-modal-${HEADER_ID}`;
const MENU_BUTTON_ID = `${HEADER_ID}-menu-button`;

/**
 * The DSFR header with react-dsfr's markup, rendered on the server only. react-dsfr's Header
 * module imports its search button, navigation menu and display settings as client components,
 * and the App Router ships every client component a page imports: about 25 kB gzipped (with
 * react-dsfr's theme object) for a header that needs none of them. The menu on phones is the
 * DSFR's modal, run by the DSFR's script.
 */
export function SiteHeader(props: {
  brandTop: ReactNode;
  homeLinkProps: { href: string; title: string };
  serviceTitle: string;
  serviceTagline: string;
  quickAccess: { href: string; iconId: `fr-icon-${string}`; text: string };
}) {
  const { brandTop, homeLinkProps, serviceTitle, serviceTagline, quickAccess } = props;
  const quickAccessList = (suffix: string) => (
    <ul className="fr-btns-group">
      <li>
        <Link prefetch={false} href={quickAccess.href} className={`fr-btn ${quickAccess.iconId}`} id={`${HEADER_ID}-quick-access-item-0${suffix}`}>
          {quickAccess.text}
        </Link>
      </li>
    </ul>
  );
  return (
    <header role="banner" id={HEADER_ID} className="fr-header">
      <div className="fr-header__body">
        <div className="fr-container">
          <div className="fr-header__body-row">
            <div className="fr-header__brand fr-enlarge-link">
              <div className="fr-header__brand-top">
                <div className="fr-header__logo">
                  <p className="fr-logo">{brandTop}</p>
                </div>
                <div className="fr-header__navbar">
                  <button className="fr-btn--menu fr-btn" data-fr-opened="false" aria-controls={MENU_ID} id={MENU_BUTTON_ID} title="Menu">
                    Menu
                  </button>
                </div>
              </div>
              <div className="fr-header__service">
                <Link prefetch={false} href={homeLinkProps.href} title={homeLinkProps.title}>
                  <p className="fr-header__service-title">{serviceTitle}</p>
                </Link>
                <p className="fr-header__service-tagline">{serviceTagline}</p>
              </div>
            </div>
            <div className="fr-header__tools">
              <div className="fr-header__tools-links">{quickAccessList("")}</div>
            </div>
          </div>
        </div>
      </div>
      {/* aria-labelledby is set when the DSFR's script starts (see dsfr-bootstrap), as on a div
          without a role it is not allowed: the script makes it a dialog on phones */}
      <div className="fr-header__menu fr-modal" id={MENU_ID} data-rdv-labelledby={MENU_BUTTON_ID}>
        <div className="fr-container">
          <button id={`${HEADER_ID}-mobile-overlay-button-close`} className="fr-btn--close fr-btn" aria-controls={MENU_ID} title="Fermer">
            Fermer
          </button>
          <div className="fr-header__menu-links">{quickAccessList("-mobile")}</div>
        </div>
      </div>
    </header>
  );
}
