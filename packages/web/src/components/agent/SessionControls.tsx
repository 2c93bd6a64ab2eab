"use client";

import { useState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { fr } from "@codegouvfr/react-dsfr";
import { apiPost } from "@/lib/agent/client";

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  async function signOut() {
    setPending(true);
    await apiPost("/v1/agent/auth/sign-out");
    window.location.assign("/agent/connexion");
  }
  return (
    <Button priority="tertiary" size="small" iconId="fr-icon-logout-box-r-line" onClick={() => void signOut()} disabled={pending}>
      Se déconnecter
    </Button>
  );
}

/** Shown to agents of several organisations: the organisation they work in now. */
export function OrganisationSwitcher({ current, organisations }: { current: string; organisations: { id: string; label: string }[] }) {
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  async function change(organisationId: string) {
    if (organisationId === current) return;
    setPending(true);
    const result = await apiPost("/v1/agent/me/organisation", { organisationId });
    if (result.ok) {
      window.location.assign("/agent");
      return;
    }
    setPending(false);
    setError(result.error.message);
  }
  return (
    <form
      className={fr.cx("fr-select-group", "fr-mb-0")}
      onSubmit={(event) => {
        event.preventDefault();
        void change(String(new FormData(event.currentTarget).get("organisationId") ?? ""));
      }}
    >
      <label className={fr.cx("fr-label")} htmlFor="organisation-courante">
        Organisation
      </label>
      <div className="rdv-agent-inline">
        <select id="organisation-courante" name="organisationId" className={fr.cx("fr-select")} defaultValue={current} aria-describedby={error ? "organisation-erreur" : undefined}>
          {organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </select>
        <Button type="submit" priority="secondary" size="small" disabled={pending}>
          Changer
        </Button>
      </div>
      {error && (
        <p id="organisation-erreur" className={fr.cx("fr-error-text")} role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
