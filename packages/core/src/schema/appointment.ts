import * as z from "zod";

/** POST /v1/public/appointments → 201 */
export const Booked = z.object({ id: z.string(), startsAt: z.string(), endsAt: z.string(), manageToken: z.string() });
export type Booked = z.infer<typeof Booked>;

/** GET /v1/public/appointments/{manageToken} */
export const ManageView = z.object({
  id: z.string(),
  status: z.enum(["booked", "seen", "excused", "revoked", "noshow"]),
  startsAt: z.string(),
  endsAt: z.string(),
  service: z.string(),
  motif: z.object({ id: z.string(), name: z.string(), locationType: z.string(), durationMinutes: z.number(), instructions: z.string().optional(), videoUrl: z.string().optional() }),
  place: z.object({ id: z.string(), name: z.string(), address: z.string().optional(), phone: z.string().optional() }),
  serviceUser: z.object({ firstName: z.string() }),
  relative: z.object({ firstName: z.string() }).optional(),
  collective: z.boolean(),
  canCancel: z.boolean(),
  cancelBlockedReason: z.string().optional(),
  canReschedule: z.boolean(),
  rescheduleBlockedReason: z.string().optional(),
});
export type ManageView = z.infer<typeof ManageView>;
