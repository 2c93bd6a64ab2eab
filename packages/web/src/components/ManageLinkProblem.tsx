import type { ApiResult, ManageView } from "@/lib/api";
import { NotFoundContent } from "./NotFoundContent";
import { ServiceUnavailable } from "./ServiceUnavailable";

type Problem = Exclude<ApiResult<ManageView>, { ok: true }>;

export function isUnknownLink(problem: Problem): boolean {
  return problem.reason === "http" && (problem.status === 404 || problem.status === 400);
}

/** A manage link that opens nothing: unknown or expired, or the API is unreachable. */
export function ManageLinkProblem({ result }: { result: Problem }) {
  if (isUnknownLink(result)) {
    return (
      <NotFoundContent title="Ce lien ne fonctionne pas">
        <p>
          Ce lien de rendez-vous n’est pas valide ou a expiré. Vérifiez qu’il est complet (copiez-le depuis le SMS
          reçu), ou contactez le service qui vous a donné rendez-vous.
        </p>
      </NotFoundContent>
    );
  }
  return (
    <>
      <h1>Votre rendez-vous</h1>
      <ServiceUnavailable />
    </>
  );
}
