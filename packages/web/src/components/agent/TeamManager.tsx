"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { fr } from "@codegouvfr/react-dsfr";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import type { ApiErrorInfo, TeamInfo, TeamMemberInfo } from "@rdv/core/schema";
import { apiPost, type SendResult } from "@/lib/agent/client";
import { ErrorAlert, fieldState, StatusMessage } from "@/components/agent/form";
import { MEMBER_STATES, ROLE_LABELS } from "@/lib/agent/labels";
import { formatShortDateTime } from "@/lib/time";

const name = (m: { firstName: string; lastName: string }) => `${m.firstName} ${m.lastName}`;

/** The team table (organisation admins): each agent's role, services, state and last sign-in, with the admin's actions. */
export function TeamManager({ team, meId }: { team: TeamInfo; meId: string }) {
  const router = useRouter();
  const [error, setError] = useState<ApiErrorInfo>();
  const [message, setMessage] = useState<string>();
  const [pending, setPending] = useState(false);
  const [editing, setEditing] = useState<string>();
  const serviceNames = (ids: string[]) => ids.map((id) => team.services.find((s) => s.id === id)?.name ?? id).join(", ") || "—";
  const body = { organisationId: team.organisationId };

  async function act(send: () => Promise<SendResult>, done: string): Promise<boolean> {
    setPending(true);
    setMessage(undefined);
    const result = await send();
    setPending(false);
    if (!result.ok) {
      setError(result.error);
      return false;
    }
    setError(undefined);
    setMessage(done);
    router.refresh();
    return true;
  }

  const edited = team.members.find((m) => m.id === editing);
  return (
    <>
      <StatusMessage message={message} />
      <ErrorAlert error={error} title="Ce n’est pas fait" shownFields={["role", "serviceIds"]} />
      <div className={fr.cx("fr-table")}>
        <table>
          <caption>Agents de l’organisation ({team.members.length})</caption>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Rôle</th>
              <th scope="col">Services</th>
              <th scope="col">État</th>
              <th scope="col">Dernière connexion</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {team.members.map((m) => (
              <tr key={m.id}>
                <td>
                  {name(m)}
                  <br />
                  <span className={fr.cx("fr-text--sm")}>{m.email}</span>
                </td>
                <td>{ROLE_LABELS[m.role] ?? m.role}</td>
                <td>{m.role === "agent" ? serviceNames(m.serviceIds) : "Tous"}</td>
                <td>
                  <Badge small noIcon severity={MEMBER_STATES[m.state]!.severity}>
                    {MEMBER_STATES[m.state]!.label}
                  </Badge>
                </td>
                <td>{m.lastSignInAt ? formatShortDateTime(m.lastSignInAt) : "Jamais"}</td>
                <td>
                  <ul className="rdv-agent-plain">
                    <li>
                      <Button priority="tertiary" size="small" onClick={() => setEditing(m.id)} nativeButtonProps={{ "aria-label": `Modifier le rôle de ${name(m)}` }}>
                        Modifier
                      </Button>
                    </li>
                    {m.id !== meId && (
                      <li>
                        {m.state === "deactivated" ? (
                          <Button priority="tertiary" size="small" disabled={pending} onClick={() => void act(() => apiPost(`/v1/agent/team/${m.id}/reactivate`, body), `${name(m)} peut de nouveau se connecter.`)} nativeButtonProps={{ "aria-label": `Réactiver ${name(m)}` }}>
                            Réactiver
                          </Button>
                        ) : (
                          <Button priority="tertiary" size="small" disabled={pending} onClick={() => void act(() => apiPost(`/v1/agent/team/${m.id}/deactivate`, body), `${name(m)} est désactivé : ses sessions sont terminées.`)} nativeButtonProps={{ "aria-label": `Désactiver ${name(m)}` }}>
                            Désactiver
                          </Button>
                        )}
                      </li>
                    )}
                    <li>
                      <Button
                        priority="tertiary"
                        size="small"
                        disabled={pending}
                        onClick={() => {
                          if (window.confirm(`Retirer ${name(m)} de l’organisation ?`)) void act(() => apiPost(`/v1/agent/team/${m.id}/remove`, body), `${name(m)} ne fait plus partie de l’organisation.`);
                        }}
                        nativeButtonProps={{ "aria-label": `Retirer ${name(m)} de l’organisation` }}
                      >
                        Retirer
                      </Button>
                    </li>
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {edited && <MemberForm key={edited.id} member={edited} team={team} pending={pending} error={error} onCancel={() => setEditing(undefined)} onSave={(role, serviceIds) => void act(() => apiPost(`/v1/agent/team/${edited.id}`, { ...body, role, serviceIds }), `Rôle et services de ${name(edited)} enregistrés.`).then((ok) => ok && setEditing(undefined))} />}

      <h2 className={fr.cx("fr-mt-6w")}>Invitations en attente</h2>
      {team.invitations.length === 0 ? (
        <p>Aucune invitation en attente.</p>
      ) : (
        <div className={fr.cx("fr-table")}>
          <table>
            <caption>Invitations en attente ({team.invitations.length})</caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Rôle</th>
                <th scope="col">Lien valable jusqu’au</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {team.invitations.map((i) => (
                <tr key={i.id}>
                  <td>
                    {name(i)}
                    <br />
                    <span className={fr.cx("fr-text--sm")}>{i.email}</span>
                  </td>
                  <td>{ROLE_LABELS[i.role] ?? i.role}</td>
                  <td>{formatShortDateTime(i.expiresAt)}</td>
                  <td>
                    <Button priority="tertiary" size="small" disabled={pending} onClick={() => void act(() => apiPost(`/v1/agent/team/invitations/${i.id}/resend`, body), `Invitation renvoyée à ${i.email} : le nouveau lien est valable 7 jours.`)} nativeButtonProps={{ "aria-label": `Renvoyer l’invitation de ${name(i)}` }}>
                      Renvoyer
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function MemberForm({ member, team, pending, error, onCancel, onSave }: { member: TeamMemberInfo; team: TeamInfo; pending: boolean; error: ApiErrorInfo | undefined; onCancel: () => void; onSave: (role: string, serviceIds: string[]) => void }) {
  const f = error?.fields;
  return (
    <form
      aria-labelledby="form-membre-titre"
      noValidate
      className={fr.cx("fr-p-3w", "fr-mb-4w")}
      style={{ border: "1px solid var(--border-default-grey)" }}
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        onSave(String(form.get("role") ?? member.role), form.getAll("serviceIds").map(String));
      }}
    >
      <h2 id="form-membre-titre" className={fr.cx("fr-h4")}>
        Rôle et services de {name(member)}
      </h2>
      <RadioButtons
        legend="Rôle"
        orientation="horizontal"
        {...fieldState(f, "role")}
        options={(["agent", "secretariat", "admin"] as const).map((role) => ({ label: ROLE_LABELS[role]!, nativeInputProps: { name: "role", value: role, defaultChecked: member.role === role } }))}
      />
      <Checkbox
        legend="Services (pour le rôle Agent)"
        orientation="horizontal"
        small
        {...fieldState(f, "serviceIds")}
        options={team.services.map((s) => ({ label: s.name, nativeInputProps: { name: "serviceIds", value: s.id, defaultChecked: member.serviceIds.includes(s.id) } }))}
      />
      <ul className="rdv-agent-inline rdv-agent-plain">
        <li>
          <Button type="submit" disabled={pending}>
            Enregistrer
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" onClick={onCancel}>
            Annuler
          </Button>
        </li>
      </ul>
    </form>
  );
}
