/** The slot engine's inputs and outputs: plain data, wall-clock rules and epoch-millisecond intervals. */
export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";

export interface WeeklyRecurrence {
  everyWeeks: number;
  weekdays: Weekday[];
}

/** The `ordinal`-th (1–5) or last `weekday` of the month, every `everyMonths` months from the first day's month. */
export interface MonthlyRecurrence {
  everyMonths: number;
  ordinal: 1 | 2 | 3 | 4 | 5 | "last";
  weekday: Weekday;
}

export type Recurrence = WeeklyRecurrence | MonthlyRecurrence;

export type EngineException =
  | { day: string; cancelled: true }
  | { day: string; moved: { day: string; start: string; end: string } };

export interface EngineRule {
  id: string;
  agentId: string;
  placeId: string;
  motifIds: string[];
  firstDay: string;
  until?: string;
  /** HH:MM local */
  start: string;
  end: string;
  recurrence: Recurrence | null;
  exceptions: EngineException[];
}

export interface EngineAbsence {
  id: string;
  agentId: string;
  /** YYYY-MM-DDTHH:MM local */
  start: string;
  end: string;
  recurrence: Recurrence | null;
  until?: string;
  exceptions: EngineRule["exceptions"];
}

/** UTC ISO instants; `end` already includes the buffer of the appointment that made it. */
export interface BusyInterval {
  start: string;
  end: string;
}

export interface SlotQuery {
  timezone: string;
  departmentCode: string;
  whitMondayWorked: boolean;
  now: Date;
  /** local dates, both inclusive */
  from: string;
  to: string;
  motif: { id: string; durationMinutes: number; bufferMinutes: number; minDelayMinutes: number; maxDelayDays: number };
  placeId: string;
  /** may include rules of other places or motifs: they are ignored */
  rules: EngineRule[];
  absences: EngineAbsence[];
  /** by agentId */
  busy: Record<string, BusyInterval[]>;
  /** true for usagers (min and max delay filter starts), false for agents */
  bookingWindow: boolean;
  /** stop after this many slots (for "next available slot") */
  limit?: number;
}

/** ISO 8601 with the local offset, no milliseconds; agentIds sorted. */
export interface Slot {
  startsAt: string;
  endsAt: string;
  agentIds: string[];
}

export interface Interval {
  start: number;
  end: number;
}
