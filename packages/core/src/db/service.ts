import { Service } from "electrodb";
import { AbsenceEntity } from "../agent-time/absence.entity";
import { AgentEntity, MembershipEntity } from "../agent/agent.entity";
import { AgentDayEntity } from "../agent-time/agent-day.entity";
import { AgentPlacesEntity, PlaceAgentsEntity, PlaceWeekEntity } from "../agent-time/place-time.entity";
import { AppointmentEntity, ParticipationEntity } from "../appointment/appointment.entity";
import { IdempotencyEntity } from "../appointment/idempotency.entity";
import { ReceiptEntity } from "../notification/receipt.entity";
import { OutboxEntity } from "../outbox/outbox.entity";
import { LocalScheduleEntity } from "../reminder/local-schedule.entity";
import { InvitationEntity, OidcAttemptEntity, OidcLinkEntity, PasswordResetEntity, SessionEntity, SignInLockEntity } from "../session/session.entity";
import { AccountAuditEntity, AuditEntity, ConfigAuditEntity } from "../audit/audit.entity";
import { StatsEntity } from "../stats/stats.entity";
import { TrialCountEntity } from "../reminder-trial/trial-count.entity";
import { DepartmentEntity } from "../department/department.entity";
import { MotifEntity } from "../motif/motif.entity";
import { OpeningRuleEntity } from "../opening-rule/opening-rule.entity";
import { OrganisationEntity } from "../organisation/organisation.entity";
import { PlaceEntity } from "../place/place.entity";
import { ServiceEntity } from "../service/service.entity";
import { ServiceUserEntity, UserProfileEntity } from "../service-user/service-user.entity";
import { ServedCommuneEntity } from "../commune/commune.entity";
import { RateLimitEntity } from "../rate-limit/rate-limit.entity";
import { UpcomingEntity } from "../limits/upcoming.entity";
import { FreedTimeEntity } from "../freed-time/freed-time.entity";
import { WaitlistEntryEntity, WaitlistHolderEntity, WaitlistOfferEntity } from "../waitlist/waitlist.entity";
import { WebhookDeliveryEntity, WebhookEventEntity, WebhookSubscriptionEntity } from "../webhook/webhook.entity";
import { ApiKeyEntity } from "../api-key/api-key.entity";
import { ExternalIdEntity, ExternalRefEntity } from "../service-user/external-id.entity";
import { BookingInvitationEntity } from "../booking-invitation/booking-invitation.entity";
import { entityConfig } from "./entity-config";

/** The ElectroDB service over the single table: collections and transactions across entities. */
export const Db = new Service(
  {
    department: DepartmentEntity,
    organisation: OrganisationEntity,
    service: ServiceEntity,
    place: PlaceEntity,
    motif: MotifEntity,
    agent: AgentEntity,
    membership: MembershipEntity,
    openingRule: OpeningRuleEntity,
    absence: AbsenceEntity,
    agentDay: AgentDayEntity,
    agentPlaces: AgentPlacesEntity,
    placeWeek: PlaceWeekEntity,
    placeAgents: PlaceAgentsEntity,
    appointment: AppointmentEntity,
    participation: ParticipationEntity,
    serviceUser: ServiceUserEntity,
    userProfile: UserProfileEntity,
    servedCommune: ServedCommuneEntity,
    idempotency: IdempotencyEntity,
    receipt: ReceiptEntity,
    outbox: OutboxEntity,
    localSchedule: LocalScheduleEntity,
    session: SessionEntity,
    invitation: InvitationEntity,
    signInLock: SignInLockEntity,
    passwordReset: PasswordResetEntity,
    oidcAttempt: OidcAttemptEntity,
    oidcLink: OidcLinkEntity,
    audit: AuditEntity,
    accountAudit: AccountAuditEntity,
    configAudit: ConfigAuditEntity,
    stats: StatsEntity,
    trialCount: TrialCountEntity,
    rateLimit: RateLimitEntity,
    upcoming: UpcomingEntity,
    freedTime: FreedTimeEntity,
    waitlistEntry: WaitlistEntryEntity,
    waitlistOffer: WaitlistOfferEntity,
    waitlistHolder: WaitlistHolderEntity,
    webhookSubscription: WebhookSubscriptionEntity,
    webhookDelivery: WebhookDeliveryEntity,
    webhookEvent: WebhookEventEntity,
    apiKey: ApiKeyEntity,
    externalId: ExternalIdEntity,
    externalRef: ExternalRefEntity,
    bookingInvitation: BookingInvitationEntity,
  },
  entityConfig(),
);
