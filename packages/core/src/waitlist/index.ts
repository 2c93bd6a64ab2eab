/**
 * The waitlist (docs/architecture.md, "Recovering freed time"): usagers asking to be told when a
 * slot frees up (`join`, `joinEarlier`), and freed time offered to them by SMS (`offerFreed`,
 * run by the reconciler), taken from the offer's link with the booking's guarantees (`acceptOffer`).
 */
export type { WaitlistJoined as Joined } from "../schema/waitlist";
export { close, entryToken, fromToken, join, joinEarlier, leave, leaveOfAppointment, MAX_DAYS, ofAppointment, waitingKey } from "./join";
export { acceptOffer, candidates, offerFreed, offerSlot, offerToken, OFFERS_PER_SLOT, showOffer } from "./offers";
