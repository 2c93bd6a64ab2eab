import type { ReactNode } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { AgentNav } from "@/components/agent/AgentNav";
import { OrganisationSwitcher, SignOutButton } from "@/components/agent/SessionControls";
import { ROLE_LABELS } from "@/lib/agent/labels";
import { organisationLabel } from "@/lib/agent/organisation";
import { currentAgent, roleIn } from "@/lib/agent/server";
import "@/app/agent/agent.css";

/**
 * Every page of the back office. Signed-in agents only: each page calls `requireAgent(its path)`,
 * which sends visitors without a session to the sign-in page and back to that page afterwards.
 */
export default async function AgentLayout({ children }: { children: ReactNode }) {
  const me = await currentAgent();
  if (!me) return <>{children}</>;
  const organisations = await Promise.all(me.memberships.map(async (m) => ({ id: m.organisationId, label: await organisationLabel(m.organisationId) })));
  const current = organisations.find((o) => o.id === me.organisationId);
  const role = roleIn(me);
  return (
    <div className="rdv-agent">
      <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters", "fr-grid-row--middle", "fr-mb-1w")}>
        <div className={fr.cx("fr-col-12", "fr-col-md")}>
          <p className={fr.cx("fr-mb-0")}>
            <span className={fr.cx("fr-text--bold")}>Espace agent</span> — {me.firstName} {me.lastName}
            {role ? ` (${ROLE_LABELS[role]})` : ""}
            {organisations.length === 1 && current ? ` — ${current.label}` : ""}
          </p>
        </div>
        {organisations.length > 1 && (
          <div className={`${fr.cx("fr-col-12")} rdv-agent-col-auto`}>
            <OrganisationSwitcher current={me.organisationId} organisations={organisations} />
          </div>
        )}
        <div className={`${fr.cx("fr-col-12")} rdv-agent-col-auto`}>
          <SignOutButton />
        </div>
      </div>
      <AgentNav admin={role === "admin"} />
      {children}
    </div>
  );
}
