import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import type { Session } from "@/lib/api";
import { capitalize, formatDateTime, formatTime } from "@/lib/time";
import { LinkPending } from "./LinkPending";

/** Open sessions of a collective motif, with the seats left in each. */
export function SessionList({ sessions, sessionHref }: { sessions: Session[]; sessionHref: (startsAt: string) => string }) {
  return (
    <section aria-labelledby="seances-titre">
      <h2 id="seances-titre" className={fr.cx("fr-h4")}>
        Prochaines séances
      </h2>
      <ul className="rdv-plain-list">
        {sessions.map((session) => {
          const when = `${capitalize(formatDateTime(session.startsAt))} (jusqu’à ${formatTime(session.endsAt)})`;
          return (
            <li key={session.id} className={fr.cx("fr-mb-3w")}>
              <p className={fr.cx("fr-mb-1w")}>
                <strong>{when}</strong>
                <br />
                {session.seatsLeft === 1 ? "1 place restante" : `${session.seatsLeft} places restantes`}
              </p>
              <Link prefetch={false} href={sessionHref(session.startsAt)} className={fr.cx("fr-btn", "fr-btn--secondary", "fr-btn--sm")}>
                S’inscrire<span className={fr.cx("fr-sr-only")}> à la séance du {when}</span>
                <LinkPending />
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
