import * as AgentTime from "../agent-time";
import type * as Audit from "../audit";
import type { Attempt, TransactionEntities, TransactionItems } from "../db/transact";
import type { DomainError } from "../error";
import type * as Limits from "../limits";
import * as ManageToken from "../manage-token";
import * as Notification from "../notification";
import * as ReminderTrial from "../reminder-trial";
import { expiresAt } from "../retention";
import * as ServiceUser from "../service-user";
import * as Slot from "../slot";
import type * as Stats from "../stats";
import { keyItem, replay } from "./idempotency";
import type { Booked } from "./schema";
import * as Webhook from "../webhook";

/** One usager joining an appointment: what every booking path (usager, agent, collective session) writes alike. */
export interface NewParticipation {
  key: string;
  hash: string;
  now: Date;
  participationId: string;
  organisationId: string;
  user: { record: ServiceUser.ServiceUserRecord | null; serviceUserId: string };
  identity: ServiceUser.Identity;
  relative?: { firstName: string; lastName: string; birthDate?: string };
  smsBlocked?: Notification.NoSmsReason;
  /** the confirmation SMS and e-mail (each only when the usager gets one) */
  receipts: (appointmentId: string, startsAt: string, endsAt: string) => Promise<Notification.PlannedReceipt[]>;
  counted: ReturnType<typeof Stats.increment>;
  /** booked from this booking invitation: an `invitation.booked` webhook event too */
  invitationId?: string;
  audit: (appointmentId: string) => ReturnType<typeof Audit.entry>[];
  /** what the public may take (per number, per client); an empty plan for agents; `attempt`: 1, 2… of the transaction */
  limits: (appointmentId: string, startsAt: string, attempt: number) => Promise<Limits.Plan>;
}

type Item = ReturnType<ReturnType<TransactionEntities["participation"]["create"]>["commit"]>;

/**
 * The attempt (see db/transact) of a booking, items in a fixed order: [0] the idempotency key,
 * [1] the appointment (created, or a seat taken in a session), then the participation, its
 * messages, counters, audit entries, the usager's items, the agents' days and the limits' items.
 */
export async function bookingAttempt(
  p: NewParticipation,
  target: {
    appointmentId: string;
    /** UTC instants */
    startsAt: string;
    endsAt: string;
    timezone: string;
    appointmentItem: (e: TransactionEntities) => Item;
    /** the agents' days taken (none for a seat in a session) */
    time: AgentTime.Change | null;
    /** the domain error a failed condition on the appointment item means (a full session) */
    appointmentFailed?: () => DomainError;
    /** a new appointment, whose reminder schedule is created right after the commit */
    scheduled?: Notification.ScheduledAppointment;
  },
  attempt = 1,
): Promise<Attempt<Booked>> {
  const { appointmentId, startsAt, endsAt, time } = target;
  const limits = await p.limits(appointmentId, startsAt, attempt);
  const until = expiresAt(endsAt);
  // the SMS is created claimed and sent right after the commit (afterBooking); an e-mail is
  // created pending and delivered then by `deliver`, which takes the address's daily allowance
  const receipts = (await p.receipts(appointmentId, startsAt, endsAt)).map((r) => (r.channel === "sms" ? Notification.claimedReceipt(r, p.now) : r));
  // a new appointment, or one more usager in a collective session
  const event = Webhook.event(target.scheduled ? "appointment.created" : "appointment.updated", { appointmentId, organisationId: p.organisationId }, p.now);
  const events = [event, ...(p.invitationId ? [Webhook.invitationBooked({ appointmentId, organisationId: p.organisationId }, p.invitationId, p.now)] : [])];
  const build = (e: TransactionEntities) => {
    const usager = ServiceUser.bookingItems(e, { user: p.user, identity: p.identity, organisationId: p.organisationId, expiresAt: until });
    const head = [
      keyItem(e.idempotency, { key: p.key, hash: p.hash, appointmentId, participationId: p.participationId, now: p.now }),
      target.appointmentItem(e),
      e.participation
        .create({
          appointmentId,
          participationId: p.participationId,
          serviceUserId: p.user.serviceUserId,
          relative: p.relative,
          status: "booked",
          tokenVersion: 1,
          tokenHash: ManageToken.hash(ManageToken.derive(p.participationId, 1)),
          noSmsReason: p.smsBlocked,
          reminderVariant: ReminderTrial.assign(p.participationId),
          expiresAt: until,
        })
        .commit(),
      ...receipts.map((r) => e.receipt.create(r).commit()),
      e.stats.update(p.counted.key).add(p.counted.add).commit(),
      ...p.audit(appointmentId).map((a) => e.audit.create(a).commit()),
      ...events.map((pending) => Webhook.item(e, pending)),
    ];
    const agentTime = time ? AgentTime.writes(e, [time]) : { items: [], versioned: [] };
    return { head, usager, agentTime, limits: limits.items({ rateLimit: e.rateLimit, upcoming: e.upcoming } as Parameters<typeof limits.items>[0]) };
  };
  return {
    write: (e) => {
      const { head, usager, agentTime, limits: limitItems } = build(e);
      const usagerAt = head.length;
      const timeAt = usagerAt + usager.items.length;
      const limitsAt = timeAt + agentTime.items.length;
      return {
        items: [...head, ...usager.items, ...agentTime.items, ...limitItems] as TransactionItems,
        versioned: [...usager.versioned.map((i) => usagerAt + i), ...agentTime.versioned.map((i) => timeAt + i), ...limits.retryIndexes(limitsAt)],
      };
    },
    committed: async () => {
      await Notification.afterBooking({ receipts, appointment: target.scheduled, counter: p.counted.key }, p.now);
      await Webhook.publish(events, p.now);
      return { id: appointmentId, startsAt: Slot.toLocalIso(startsAt, target.timezone), endsAt: Slot.toLocalIso(endsAt, target.timezone), manageToken: ManageToken.derive(p.participationId, 1) };
    },
    cancelled: async (reasons) => {
      if (reasons[0]?.code === "ConditionalCheckFailed") {
        const first = await replay(p.key, p.hash); // the same key committed concurrently
        if (first) return first;
      }
      const refusal = limits.refusal(reasons, reasons.length - limits.size);
      if (refusal) throw refusal;
      if (reasons[1]?.code === "ConditionalCheckFailed" && target.appointmentFailed) throw target.appointmentFailed();
      return undefined;
    },
  };
}
