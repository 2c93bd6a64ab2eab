/**
 * Booking invitations (RDV-Insertion style): an agent or a business tool invites an usager known
 * to the organisation to book one of a few motifs, by SMS and/or e-mail; the link opens the
 * booking on those motifs with the usager already known. Not to be confused with the agent
 * account invitation (session/invitation.ts).
 */
export { create, invitationLink, invitationToken, resolveExternalId, DEFAULT_DAYS, MAX_DAYS, REMINDER_AFTER_DAYS } from "./create";
export { list, LIST_LIMIT } from "./list";
export { book, show, slots } from "./public";
export { invitationEmail, invitationSms } from "./texts";
export { stateOf } from "./view";
export { BookingInvitationInfo, BookingInvitationInput, InvitationView } from "../schema/booking-invitation";
