import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import type { Interval } from "@/lib/api";
import { addDays, capitalize, formatDay, formatLocalDate, formatTime, formatWeek, groupByDay, localDateOf, mondayOf, weekDays } from "@/lib/time";
import { NoSlots } from "./NoSlots";
import { LinkPending } from "./LinkPending";

export interface WeekSlotsProps {
  monday: string;
  slots: Interval[];
  /** The first slot after this week, when this week has none. */
  nextAfter: Interval | undefined;
  /** The first bookable slot overall: the "prochain créneau disponible" jump. */
  firstAvailable: Interval | undefined;
  slotHref: (startsAt: string) => string;
  weekHref: (monday: string) => string;
  placeName: string;
  phone: string | undefined;
}

/**
 * A week (Monday to Sunday) of free slots, grouped by day, with links to the previous and next
 * weeks and to the first available slot. Plain links: it works without JavaScript.
 */
export function WeekSlots(props: WeekSlotsProps) {
  const { monday, slots, nextAfter, firstAvailable, slotHref, weekHref, placeName, phone } = props;
  const byDay = groupByDay(slots);
  const firstWeek = firstAvailable ? mondayOf(localDateOf(firstAvailable.startsAt)) : undefined;
  const canGoBack = firstWeek !== undefined && monday > firstWeek;
  const canGoForward = slots.length > 0 || nextAfter !== undefined;
  const jumpWeek = firstWeek !== undefined && firstWeek !== monday ? firstWeek : undefined;
  const nothingLeft = slots.length === 0 && nextAfter === undefined;

  return (
    <section aria-labelledby="semaine-titre">
      <h2 id="semaine-titre" className={fr.cx("fr-h4")}>
        {formatWeek(monday)}
      </h2>

      <nav aria-label="Changer de semaine">
        <ul className="rdv-inline-list">
          {canGoBack && (
            <li>
              <Link
                prefetch={false}
                href={weekHref(addDays(monday, -7))}
                className={fr.cx("fr-btn", "fr-btn--sm", "fr-btn--secondary", "fr-btn--icon-left", "fr-icon-arrow-left-line")}
              >
                Semaine précédente
                <LinkPending />
              </Link>
            </li>
          )}
          {canGoForward && (
            <li>
              <Link
                prefetch={false}
                href={weekHref(addDays(monday, 7))}
                className={fr.cx("fr-btn", "fr-btn--sm", "fr-btn--secondary", "fr-btn--icon-right", "fr-icon-arrow-right-line")}
              >
                Semaine suivante
                <LinkPending />
              </Link>
            </li>
          )}
          {jumpWeek && (
            <li>
              <Link prefetch={false} href={weekHref(jumpWeek)} className={fr.cx("fr-btn", "fr-btn--sm", "fr-btn--tertiary")}>
                Prochain créneau disponible
                <LinkPending />
              </Link>
            </li>
          )}
        </ul>
      </nav>

      {nothingLeft ? (
        <NoSlots placeName={placeName} phone={phone} />
      ) : slots.length === 0 && nextAfter ? (
        <p>
          Aucun créneau libre cette semaine. Le prochain créneau disponible est le{" "}
          <Link prefetch={false} href={weekHref(mondayOf(localDateOf(nextAfter.startsAt)))}>
            {formatLocalDate(localDateOf(nextAfter.startsAt))} à {formatTime(nextAfter.startsAt)}
          </Link>
          .
        </p>
      ) : (
        weekDays(monday).map((day) => {
          const daySlots = byDay.get(day);
          const label = capitalize(formatDay(day));
          return (
            <div key={day}>
              <h3 className={fr.cx("fr-h6", "fr-mb-1w")} id={`jour-${day}`}>
                {label}
              </h3>
              {daySlots ? (
                <ul className="rdv-inline-list" aria-labelledby={`jour-${day}`}>
                  {daySlots.map((slot) => (
                    <li key={slot.startsAt}>
                      <Link prefetch={false} href={slotHref(slot.startsAt)} className={fr.cx("fr-btn", "fr-btn--secondary", "fr-btn--sm")}>
                        <span className={fr.cx("fr-sr-only")}>{label} à </span>
                        {formatTime(slot.startsAt)}
                        <LinkPending />
                      </Link>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className={fr.cx("fr-text--sm", "fr-mb-3w")}>Pas de créneau ce jour-là.</p>
              )}
            </div>
          );
        })
      )}
    </section>
  );
}
