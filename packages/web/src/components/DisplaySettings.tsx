import ArtworkDark from "@codegouvfr/react-dsfr/dsfr/artwork/dark.svg";
import ArtworkLight from "@codegouvfr/react-dsfr/dsfr/artwork/light.svg";
import ArtworkSystem from "@codegouvfr/react-dsfr/dsfr/artwork/system.svg";

/** The modal the footer's "Paramètres d'affichage" button opens (its id is the one that button controls). */
export const DISPLAY_MODAL_ID = "fr-theme-modal";

/** The footer's item that opens it (react-dsfr's headerFooterDisplayItem, without importing its Display module). */
export const displaySettingsFooterItem = {
  iconId: "fr-icon-theme-fill",
  text: "Paramètres d'affichage",
  buttonProps: { "aria-controls": DISPLAY_MODAL_ID, "data-fr-opened": false, type: "button" },
} as const;

const THEMES = [
  { value: "light", label: "Thème clair", artwork: ArtworkLight },
  { value: "dark", label: "Thème sombre", artwork: ArtworkDark },
  { value: "system", label: "Système", hint: "Utilise les paramètres système.", artwork: ArtworkSystem },
] as const;

const urlOf = (asset: string | { src: string }) => (typeof asset === "string" ? asset : asset.src);

/**
 * The DSFR's display settings (light, dark or system theme), written out as server-rendered
 * markup: react-dsfr's Display renders its pictograms in a client component that brings
 * react-dsfr's whole theme object (about 25 kB gzipped) into every page. The DSFR's script runs it.
 */
export function DisplaySettings() {
  const titleId = `fr-modal-title-${DISPLAY_MODAL_ID}`;
  return (
    <dialog id={DISPLAY_MODAL_ID} className="fr-modal" aria-labelledby={titleId} data-fr-concealing-backdrop="true">
      <div className="fr-container fr-container--fluid fr-container-md">
        <div className="fr-grid-row fr-grid-row--center">
          <div className="fr-col-12 fr-col-md-6 fr-col-lg-4">
            <div className="fr-modal__body">
              <div className="fr-modal__header">
                <button className="fr-btn--close fr-btn" title="Fermer" aria-controls={DISPLAY_MODAL_ID} type="button">
                  Fermer
                </button>
              </div>
              <div className="fr-modal__content">
                <h1 id={titleId} className="fr-modal__title">
                  Paramètres d&apos;affichage
                </h1>
                <div className="fr-display">
                  <div className="fr-form-group">
                    <fieldset className="fr-fieldset">
                      <legend className="fr-fieldset__legend fr-text--regular">Choisissez un thème pour personnaliser l&apos;apparence du site.</legend>
                      <div className="fr-fieldset__content">
                        {THEMES.map((theme) => (
                          <div key={theme.value} className="fr-radio-group fr-radio-rich">
                            <input value={theme.value} type="radio" id={`fr-radios-theme-${theme.value}`} name="fr-radios-theme" />
                            <label className="fr-label" htmlFor={`fr-radios-theme-${theme.value}`}>
                              {theme.label}
                              {"hint" in theme && <span className="fr-hint-text">{theme.hint}</span>}
                            </label>
                            <div className="fr-radio-rich__img">
                              <svg aria-hidden="true" xmlns="http://www.w3.org/2000/svg" width="80px" height="80px" viewBox="0 0 80 80">
                                {["artwork-decorative", "artwork-minor", "artwork-major"].map((part) => (
                                  <use key={part} className={`fr-${part}`} href={`${urlOf(theme.artwork)}#${part}`} />
                                ))}
                              </svg>
                            </div>
                          </div>
                        ))}
                      </div>
                    </fieldset>
                  </div>
                </div>
              </div>
            </div>
          </div>
        </div>
      </div>
    </dialog>
  );
}
