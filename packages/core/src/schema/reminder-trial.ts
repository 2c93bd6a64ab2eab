import * as z from "zod";

/** A rate of the reminder trial's statistics: count among `of`, percentage and 95 % Wilson interval (percent, one decimal). */
export const TrialRateInfo = z.object({
  count: z.number(),
  of: z.number(),
  rate: z.number().nullable(),
  interval: z.object({ low: z.number(), high: z.number() }).nullable(),
});

export const TrialTextInfo = z.object({
  id: z.string(),
  text: z.string(),
  /** appointments whose reminder was sent with this text */
  appointments: z.number(),
  seen: z.number(),
  noshow: z.number(),
  excused: z.number(),
  revoked: z.number(),
  booked: z.number(),
  /** no-shows among seen + noshow */
  noShow: TrialRateInfo,
  /** cancellations by the usager (excused) among the appointments reminded */
  cancellation: TrialRateInfo,
});
export type TrialTextInfo = z.infer<typeof TrialTextInfo>;

/** GET /v1/agent/stats/reminder-trial?organisation */
export const ReminderTrialStatsInfo = z.object({
  trial: z.object({ id: z.string() }).nullable(),
  texts: z.array(TrialTextInfo),
  verdict: z.object({ noShow: z.string(), cancellation: z.string() }).nullable(),
});
export type ReminderTrialStatsInfo = z.infer<typeof ReminderTrialStatsInfo>;
