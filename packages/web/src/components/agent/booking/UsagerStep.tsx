"use client";

import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { ServiceUserInfo } from "@rdv/core/schema";
import { formatPhone } from "@/lib/phone";
import { UsagerPicker } from "@/components/agent/UsagerPicker";

/** Step 1: the usager, found, created or changed. */
export function UsagerStep({ organisationId, usager, onChoose, onClear, step = 1 }: { organisationId: string; usager: ServiceUserInfo | undefined; onChoose: (user: ServiceUserInfo) => void; onClear: () => void; step?: number }) {
  return (
    <section aria-labelledby="etape-usager" className={fr.cx("fr-mb-5w")}>
      <h2 id="etape-usager" className={fr.cx("fr-h4")}>
        {step}. Usager
      </h2>
      {usager ? (
        <div className="rdv-agent-inline">
          <p className={fr.cx("fr-mb-0")}>
            <strong>
              {usager.firstName} {usager.lastName}
            </strong>
            {usager.phone ? ` · ${formatPhone(usager.phone)}` : " · sans portable : pas de SMS"}
            {usager.email ? ` · ${usager.email}` : ""}
          </p>
          <Button type="button" priority="tertiary" size="small" onClick={onClear}>
            Changer d’usager
          </Button>
        </div>
      ) : (
        <UsagerPicker organisationId={organisationId} onChoose={onChoose} />
      )}
    </section>
  );
}
