import { DateTime } from "luxon";

export interface QuietHours {
  /** HH:MM local: no SMS from this time… */
  start: string;
  /** …until this time */
  end: string;
}

function minutes(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

function inQuietHours(local: DateTime, quiet: QuietHours): boolean {
  const m = local.hour * 60 + local.minute;
  const start = minutes(quiet.start);
  const end = minutes(quiet.end);
  return start > end ? m >= start || m < end : m >= start && m < end;
}

function at(local: DateTime, time: string): DateTime {
  return local.set({ hour: Number(time.slice(0, 2)), minute: Number(time.slice(3, 5)), second: 0, millisecond: 0 });
}

/**
 * When the reminder of an appointment is sent (docs/architecture.md, product rules): `leadHours` before the
 * start (whole days on the calendar, so at the same wall-clock time); a moment in quiet hours moves to the next end of quiet hours (08:00) if that is still
 * 24 h before the appointment, else to the previous 19:00; none (null) when the moment is
 * already past — the confirmation just sent tells the date. Wall-clock maths in `timezone`.
 */
export function reminderMoment(options: {
  startsAt: string;
  leadHours: number;
  quietHours: QuietHours;
  timezone: string;
  now: Date;
}): Date | null {
  const start = DateTime.fromISO(options.startsAt, { setZone: true }).setZone(options.timezone);
  // whole days of the lead time count on the calendar (a 10:00 appointment is reminded at 10:00
  // two days before, DST change or not); the remaining hours count as hours
  let moment: DateTime = start.minus({ days: Math.floor(options.leadHours / 24) }).minus({ hours: options.leadHours % 24 });
  if (inQuietHours(moment, options.quietHours)) {
    let next: DateTime = at(moment, options.quietHours.end);
    if (next <= moment) next = at(moment.plus({ days: 1 }), options.quietHours.end);
    if (next <= start.minus({ hours: 24 })) {
      moment = next;
    } else {
      let evening: DateTime = at(moment, "19:00");
      if (evening > moment) evening = at(moment.minus({ days: 1 }), "19:00");
      moment = evening;
    }
  }
  if (moment.toMillis() <= options.now.getTime()) return null;
  return moment.toJSDate();
}

/**
 * When a message the public did not ask for just now (an offer of freed time) may be sent: `now`
 * itself, or the next end of quiet hours when `now` falls in them (the reminder's quiet hours).
 */
export function outsideQuietHours(now: Date, quietHours: QuietHours, timezone: string): Date {
  const local = DateTime.fromJSDate(now).setZone(timezone);
  if (!inQuietHours(local, quietHours)) return now;
  let next: DateTime = at(local, quietHours.end);
  if (next <= local) next = at(local.plus({ days: 1 }), quietHours.end);
  return next.toJSDate();
}
