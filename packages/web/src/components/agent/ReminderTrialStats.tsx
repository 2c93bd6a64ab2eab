import { fr } from "@codegouvfr/react-dsfr";
import { ReminderTrialStatsInfo, type TrialTextInfo } from "@rdv/core/schema";
import { Unavailable } from "@/components/agent/Unavailable";
import { agentGet, load } from "@/lib/agent/server";

/**
 * The stage's reminder wording trial on the statistics page: per text, the appointments whose
 * reminder was sent with it, the no-show and cancellation rates with their 95 % intervals, and
 * whether the difference means anything yet, in plain French. Nothing when the stage runs no trial.
 */
const percent = (value: number) => `${value.toLocaleString("fr-FR", { maximumFractionDigits: 1 })} %`;

function RateCell({ rate }: { rate: TrialTextInfo["noShow"] }) {
  if (rate.rate === null || !rate.interval) return <td>—</td>;
  return (
    <td>
      {percent(rate.rate)}
      <span className={fr.cx("fr-hint-text")}>
        {rate.count} sur {rate.of} ; entre {percent(rate.interval.low)} et {percent(rate.interval.high)}
      </span>
    </td>
  );
}

export async function ReminderTrialStats({ organisationId }: { organisationId: string }) {
  const result = await load(agentGet("/v1/agent/stats/reminder-trial", { organisation: organisationId }, ReminderTrialStatsInfo), "/agent/statistiques");
  if (result.ok && !result.data.trial) return null;
  return (
    <section aria-labelledby="essai-rappel-titre" className={fr.cx("fr-mb-6w")} data-testid="essai-rappel">
      <h2 id="essai-rappel-titre" className={fr.cx("fr-h4")}>
        Essai de textes de rappel
      </h2>
      {!result.ok ? (
        <Unavailable status={result.status} error={result.error} />
      ) : (
        <>
          <p>
            Chaque usager reçoit l’un des textes ci-dessous pour son SMS de rappel, tiré au sort une fois pour toutes. Ne comptent que les rendez-vous dont le rappel a été
            envoyé avec ce texte. Le taux de lapins rapporte les lapins aux rendez-vous honorés ou manqués ; le taux d’annulation, les annulations par l’usager aux
            rendez-vous rappelés. L’intervalle donne, à 95 %, où se situe vraisemblablement le vrai taux.
          </p>
          <div className={fr.cx("fr-table", "fr-table--bordered")}>
            <table>
              <caption>Résultats par texte de rappel (essai « {result.data.trial!.id} »)</caption>
              <thead>
                <tr>
                  <th scope="col">Texte</th>
                  <th scope="col">Rendez-vous rappelés</th>
                  <th scope="col">Taux de lapins</th>
                  <th scope="col">Taux d’annulation</th>
                </tr>
              </thead>
              <tbody>
                {result.data.texts.map((text) => (
                  <tr key={text.id} data-text={text.id}>
                    <th scope="row">
                      « {text.id} »<span className={fr.cx("fr-hint-text")}>{text.text}</span>
                    </th>
                    <td>{text.appointments}</td>
                    <RateCell rate={text.noShow} />
                    <RateCell rate={text.cancellation} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {result.data.verdict ? (
            <ul data-testid="essai-rappel-conclusion">
              <li>{result.data.verdict.noShow}</li>
              <li>{result.data.verdict.cancellation}</li>
            </ul>
          ) : null}
        </>
      )}
    </section>
  );
}
