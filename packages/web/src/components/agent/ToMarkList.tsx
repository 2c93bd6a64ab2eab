"use client";

import { useState } from "react";
import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { apiPost } from "@/lib/agent/client";
import { MARK_ACTIONS, statusLabel } from "@/lib/agent/labels";
import { capitalize, formatDate, formatTime } from "@/lib/time";
import { StatusMessage } from "./form";

export interface ToMarkRow {
  id: string;
  startsAt: string;
  label: string;
  motif: string;
  agents: string;
}

/** Past appointments not marked yet: one click each; a marked row leaves the list. */
export function ToMarkList({ rows, timezone }: { rows: ToMarkRow[]; timezone: string }) {
  const [left, setLeft] = useState(rows);
  const [message, setMessage] = useState<string>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState<string>();

  async function mark(row: ToMarkRow, status: string) {
    setPending(row.id);
    const result = await apiPost(`/v1/agent/appointments/${encodeURIComponent(row.id)}/status`, { status });
    setPending(undefined);
    if (!result.ok) {
      setErrors((current) => ({ ...current, [row.id]: result.error.message }));
      return;
    }
    setLeft((current) => current.filter((r) => r.id !== row.id));
    setMessage(`${row.label || "Rendez-vous"} du ${formatDate(row.startsAt, timezone)} à ${formatTime(row.startsAt, timezone)} : ${statusLabel(status)}.`);
  }

  return (
    <>
      <StatusMessage message={message} />
      {left.length === 0 ? (
        <p>Tous les rendez-vous passés sont marqués. Merci !</p>
      ) : (
        <div className={fr.cx("fr-table")}>
          <table>
            <caption>Rendez-vous passés à marquer ({left.length})</caption>
            <thead>
              <tr>
                <th scope="col">Date et heure</th>
                <th scope="col">Usager</th>
                <th scope="col">Motif</th>
                <th scope="col">Agents</th>
                <th scope="col">Marquer comme</th>
              </tr>
            </thead>
            <tbody>
              {left.map((row) => (
                <tr key={row.id}>
                  <td>
                    <Link href={`/agent/rendez-vous/${encodeURIComponent(row.id)}`}>
                      {capitalize(formatDate(row.startsAt, timezone))} à {formatTime(row.startsAt, timezone)}
                    </Link>
                  </td>
                  <td>{row.label || "—"}</td>
                  <td>{row.motif}</td>
                  <td>{row.agents}</td>
                  <td>
                    <div className="rdv-agent-table-actions" role="group" aria-label={`Marquer le rendez-vous de ${row.label || "l’usager"}`}>
                      {MARK_ACTIONS.map((action) => (
                        <Button
                          key={action.status}
                          type="button"
                          size="small"
                          priority={action.status === "noshow" ? "secondary" : "tertiary"}
                          disabled={pending === row.id}
                          nativeButtonProps={{ "aria-label": `${action.label} : ${row.label || "rendez-vous"} du ${formatDate(row.startsAt, timezone)} à ${formatTime(row.startsAt, timezone)}` }}
                          onClick={() => void mark(row, action.status)}
                        >
                          {action.label}
                        </Button>
                      ))}
                    </div>
                    {errors[row.id] && (
                      <p className={fr.cx("fr-error-text")} role="alert">
                        {errors[row.id]}
                      </p>
                    )}
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
