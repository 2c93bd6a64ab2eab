import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { ApiErrorInfo } from "@rdv/core/schema";

/** A page's read failed (other than a missing session). */
export function Unavailable({ status, error }: { status: number; error?: ApiErrorInfo }) {
  const title = status === 403 ? "Accès refusé" : status === 404 ? "Introuvable" : "Service momentanément indisponible";
  const description =
    error?.message ?? (status === 0 || status >= 500 ? "Le service ne répond pas pour le moment : merci de réessayer dans quelques instants." : "Cette information n’a pas pu être chargée.");
  return <Alert severity={status === 403 || status === 404 ? "warning" : "error"} title={title} description={description} className="fr-mb-4w" />;
}
