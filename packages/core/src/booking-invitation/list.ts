import { NotFoundError } from "../error";
import * as Motif from "../motif";
import { BookingInvitationListInput, type BookingInvitationInfo } from "../schema/booking-invitation";
import * as Service from "../service";
import { visibleServices, type AgentContext } from "../session";
import { validate } from "../validate";
import { BookingInvitationEntity } from "./booking-invitation.entity";
import { toInfo } from "./view";

/** Invitations listed at most, newest first (one page of the organisation's index). */
export const LIST_LIMIT = 200;

/**
 * GET /v1/agent/booking-invitations?organisationId=: the organisation's invitations, newest first,
 * with their state, of the services the agent sees. Another organisation is answered like an
 * unknown one (404).
 */
export async function list(query: unknown, ctx: AgentContext, now: Date): Promise<BookingInvitationInfo[]> {
  const { organisationId } = validate(BookingInvitationListInput, query);
  if (!ctx.memberships.some((m) => m.organisationId === organisationId)) throw new NotFoundError("organisation.not_found", "Cette organisation n'existe pas.");
  const services = visibleServices(ctx, organisationId);
  const [page, motifs, allServices] = await Promise.all([
    BookingInvitationEntity.query.byOrganisation({ organisationId }).go({ order: "desc", limit: LIST_LIMIT }),
    Motif.listByOrganisation(organisationId),
    Service.listAll(),
  ]);
  return page.data
    .filter((invitation) => services === "all" || services.includes(invitation.serviceId))
    .map((invitation) => toInfo(invitation, { motifs, serviceName: allServices.find((s) => s.serviceId === invitation.serviceId)?.name ?? "" }, now));
}
