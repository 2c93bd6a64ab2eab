"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { apiDelete, apiPost } from "@/lib/agent/client";

/** Deletes after a second click that confirms it. */
export function DeleteButton({ label, what, path, body, method = "POST" }: { label: string; what: string; path: string; body?: unknown; method?: "POST" | "DELETE" }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  async function remove() {
    setPending(true);
    const result = method === "DELETE" ? await apiDelete(path) : await apiPost(path, body);
    setPending(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setConfirming(false);
    router.refresh();
  }
  return (
    <>
      {confirming ? (
        <span className="rdv-agent-table-actions">
          <Button type="button" size="small" disabled={pending} onClick={() => void remove()} nativeButtonProps={{ "aria-label": `Confirmer la suppression : ${what}` }}>
            Confirmer la suppression
          </Button>
          <Button type="button" size="small" priority="secondary" onClick={() => setConfirming(false)}>
            Garder
          </Button>
        </span>
      ) : (
        <Button type="button" size="small" priority="tertiary" onClick={() => setConfirming(true)} nativeButtonProps={{ "aria-label": `${label} : ${what}` }}>
          {label}
        </Button>
      )}
      {error && (
        <p className={fr.cx("fr-error-text")} role="alert">
          {error}
        </p>
      )}
    </>
  );
}
