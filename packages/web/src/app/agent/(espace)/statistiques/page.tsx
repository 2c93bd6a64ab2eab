import type { Metadata } from "next";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { ReminderTrialStats } from "@/components/agent/ReminderTrialStats";
import { StatsChart } from "@/components/agent/StatsChart";
import { Unavailable } from "@/components/agent/Unavailable";
import { now } from "@/lib/agent/clock";
import { agentGet, load, requireAgent } from "@/lib/agent/server";
import { addDays, addMonths, capitalize, formatMonth, lastDayOf, parseMonth, wallClock, DEPARTMENT_TIMEZONE } from "@/lib/time";
import { StatsInfo, type StatsRowInfo } from "@rdv/core/schema";

export const metadata: Metadata = { title: "Statistiques", robots: { index: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

function rate(noshow: number, seen: number): string {
  return seen + noshow > 0 ? `${(Math.round((1000 * noshow) / (seen + noshow)) / 10).toLocaleString("fr-FR")} %` : "—";
}

function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = from; month <= to && months.length < 36; month = addMonths(month, 1)) months.push(month);
  return months;
}

export default async function StatsPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const me = await requireAgent("/agent/statistiques");
  const current = wallClock(now(), DEPARTMENT_TIMEZONE).date.slice(0, 7);
  let to = parseMonth(one(params.au)) ?? current;
  let from = parseMonth(one(params.du)) ?? addMonths(to, -5);
  if (from > to) [from, to] = [to, from];
  if (addMonths(from, 35) < to) from = addMonths(to, -35);
  const stats = await load(agentGet("/v1/agent/stats", { organisation: me.organisationId, from, to }, StatsInfo), "/agent/statistiques");

  // exports: the same months, at most 367 days
  const exportTo = lastDayOf(to);
  const exportFrom = `${from}-01` < addDays(exportTo, -366) ? addDays(exportTo, -366) : `${from}-01`;
  const exportHref = (format: "csv" | "xlsx") =>
    `/v1/agent/exports/appointments?${new URLSearchParams({ organisation: me.organisationId, from: exportFrom, to: exportTo, format }).toString()}`;

  const rows: StatsRowInfo[] = stats.ok ? stats.data.rows : [];
  const months = monthsBetween(from, to);
  type Counter = Exclude<keyof StatsRowInfo, "month" | "serviceId" | "serviceName" | "noShowRate" | "refillRate" | "smsDeliveredRate">;
  const sum = (month: string, key: Counter) => rows.filter((r) => r.month === month).reduce((total, r) => total + r[key], 0);
  /** a month's rate over every service, one decimal; null without a denominator */
  const monthRate = (month: string, part: Counter, whole: Counter[]) => {
    const denominator = whole.reduce((total, key) => total + sum(month, key), 0);
    return denominator > 0 ? Math.round((1000 * sum(month, part)) / denominator) / 10 : null;
  };
  const percent = (value: number | null) => (value === null ? "—" : `${value.toLocaleString("fr-FR")} %`);
  const rateSeries = [
    { name: "Taux de lapins", values: months.map((m) => monthRate(m, "noshow", ["seen", "noshow"])) },
    { name: "Créneaux libérés repris", values: months.map((m) => monthRate(m, "refilled", ["freed"])) },
    { name: "SMS reçus", values: months.map((m) => monthRate(m, "smsDelivered", ["smsSent"])) },
  ];
  const statsCsvHref = `/v1/agent/stats/export?${new URLSearchParams({ organisation: me.organisationId, from, to }).toString()}`;

  return (
    <>
      <h1>Statistiques</h1>
      <p>
        Par mois et par service : rendez-vous pris, lapins (absences non excusées), annulations et combien de temps avant, créneaux libérés repris par un autre
        rendez-vous, SMS reçus et appels passés depuis la liste « À appeler ». Le taux de lapins rapporte les lapins aux rendez-vous honorés ou manqués.
      </p>

      <form method="get" className={fr.cx("fr-mb-4w")} aria-label="Période">
        <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters", "fr-grid-row--bottom")}>
          <div className={fr.cx("fr-col-12", "fr-col-md-3")}>
            <div className={fr.cx("fr-input-group")}>
              <label className={fr.cx("fr-label")} htmlFor="stats-du">
                Du mois
                <span className={fr.cx("fr-hint-text")}>AAAA-MM</span>
              </label>
              <input className={fr.cx("fr-input")} type="month" id="stats-du" name="du" defaultValue={from} />
            </div>
          </div>
          <div className={fr.cx("fr-col-12", "fr-col-md-3")}>
            <div className={fr.cx("fr-input-group")}>
              <label className={fr.cx("fr-label")} htmlFor="stats-au">
                Au mois
                <span className={fr.cx("fr-hint-text")}>AAAA-MM</span>
              </label>
              <input className={fr.cx("fr-input")} type="month" id="stats-au" name="au" defaultValue={to} />
            </div>
          </div>
          <div className={fr.cx("fr-col-12", "fr-col-md-3")}>
            <Button type="submit" priority="secondary" className={fr.cx("fr-mb-3v")}>
              Afficher
            </Button>
          </div>
        </div>
      </form>

      {!stats.ok ? (
        <Unavailable status={stats.status} error={stats.error} />
      ) : (
        <>
          <section aria-labelledby="graphique-titre" className={fr.cx("fr-mb-6w")}>
            <h2 id="graphique-titre" className={fr.cx("fr-h4")}>
              Rendez-vous et lapins par mois
            </h2>
            <figure className={fr.cx("fr-m-0")}>
              <StatsChart
                months={months.map((m) => capitalize(formatMonth(m)))}
                series={[
                  { name: "Rendez-vous", values: months.map((m) => sum(m, "total")) },
                  { name: "Honorés", values: months.map((m) => sum(m, "seen")) },
                  { name: "Lapins", values: months.map((m) => sum(m, "noshow")) },
                ]}
              />
              <figcaption className={fr.cx("fr-text--sm", "fr-mt-1w")}>
                Tous services confondus. Taux de lapins par mois :{" "}
                {months.map((m) => `${formatMonth(m)} ${rate(sum(m, "noshow"), sum(m, "seen"))}`).join(" ; ")}. Le détail par service est dans le tableau ci-dessous.
              </figcaption>
            </figure>
          </section>

          <section aria-labelledby="taux-titre" className={fr.cx("fr-mb-6w")}>
            <h2 id="taux-titre" className={fr.cx("fr-h4")}>
              Taux par mois
            </h2>
            <figure className={fr.cx("fr-m-0")}>
              <StatsChart kind="line" unit="%" months={months.map((m) => capitalize(formatMonth(m)))} series={rateSeries} />
              <figcaption className={fr.cx("fr-text--sm", "fr-mt-1w")}>
                Tous services confondus, en pourcentage :{" "}
                {rateSeries.map((s) => `${s.name.toLowerCase()} : ${months.map((m, i) => `${formatMonth(m)} ${percent(s.values[i] ?? null)}`).join(", ")}`).join(" ; ")}.
              </figcaption>
            </figure>
          </section>

          <section aria-labelledby="tableau-titre" className={fr.cx("fr-mb-6w")}>
            <h2 id="tableau-titre" className={fr.cx("fr-h4")}>
              Détail par mois et par service
            </h2>
            {rows.length === 0 ? (
              <p>Aucun rendez-vous sur cette période.</p>
            ) : (
              <div className={fr.cx("fr-table", "fr-table--bordered")}>
                {/* wider than the page: it scrolls, so it takes the keyboard focus (arrow keys scroll it) */}
                <table tabIndex={0}>
                  <caption>Rendez-vous par mois et par service, du {formatMonth(from)} au {formatMonth(to)}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Mois</th>
                      <th scope="col">Service</th>
                      <th scope="col">Rendez-vous</th>
                      <th scope="col">Honorés</th>
                      <th scope="col">Lapins</th>
                      <th scope="col">Taux de lapins</th>
                      <th scope="col">Excusés</th>
                      <th scope="col">Annulés par le service</th>
                      <th scope="col">Annulés moins de 24 h avant</th>
                      <th scope="col">Annulés 1 à 7 jours avant</th>
                      <th scope="col">Annulés plus de 7 jours avant</th>
                      <th scope="col">Créneaux libérés repris</th>
                      <th scope="col">SMS reçus</th>
                      <th scope="col">Appels : confirmés, annulés, injoignables</th>
                      <th scope="col">À venir ou à marquer</th>
                      <th scope="col">Pris en ligne</th>
                      <th scope="col">Pris par un agent</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row) => (
                      <tr key={`${row.month}-${row.serviceId}`} data-month={row.month} data-service={row.serviceId}>
                        <th scope="row">{capitalize(formatMonth(row.month))}</th>
                        <td>{row.serviceName}</td>
                        <td>{row.total}</td>
                        <td>{row.seen}</td>
                        <td>{row.noshow}</td>
                        <td>{row.noShowRate === null ? "—" : `${row.noShowRate.toLocaleString("fr-FR")} %`}</td>
                        <td>{row.excused}</td>
                        <td>{row.revoked}</td>
                        <td>{row.cancelledUnder1Day}</td>
                        <td>{row.cancelled1To7Days}</td>
                        <td>{row.cancelledOver7Days}</td>
                        <td>
                          {row.refilled} sur {row.freed} ({percent(row.refillRate)})
                        </td>
                        <td>
                          {row.smsDelivered} sur {row.smsSent} ({percent(row.smsDeliveredRate)})
                        </td>
                        <td>
                          {row.callConfirmed}, {row.callCancelled}, {row.callUnreachable}
                        </td>
                        <td>{row.booked}</td>
                        <td>{row.online}</td>
                        <td>{row.agent}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <p className={fr.cx("fr-mt-2w")}>
              <a className={fr.cx("fr-link", "fr-link--download")} href={statsCsvHref} download>
                Télécharger ce tableau au format CSV <span className={fr.cx("fr-link__detail")}>Tableur, séparateur point-virgule</span>
              </a>
            </p>
          </section>
        </>
      )}

      <ReminderTrialStats organisationId={me.organisationId} />

      <section aria-labelledby="exports-titre">
        <h2 id="exports-titre" className={fr.cx("fr-h4")}>
          Exporter les rendez-vous
        </h2>
        <p>
          Les rendez-vous du {exportFrom.split("-").reverse().join("/")} au {exportTo.split("-").reverse().join("/")}, un par ligne (date, horaire, statut, service, motif, lieu,
          agents, usager).
        </p>
        <ul className="rdv-agent-plain">
          <li>
            <a className={fr.cx("fr-link", "fr-link--download")} href={exportHref("csv")} download>
              Télécharger au format CSV <span className={fr.cx("fr-link__detail")}>Tableur, séparateur point-virgule</span>
            </a>
          </li>
          <li className={fr.cx("fr-mt-1w")}>
            <a className={fr.cx("fr-link", "fr-link--download")} href={exportHref("xlsx")} download>
              Télécharger au format XLSX <span className={fr.cx("fr-link__detail")}>Excel, LibreOffice</span>
            </a>
          </li>
        </ul>
      </section>
    </>
  );
}
