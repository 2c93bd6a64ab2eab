import { randomUUID } from "node:crypto";
import type { TransactionEntities } from "../db/transact";
import { normalize } from "../commune/search";
import { getAll, putAll, type PutItem } from "../db/batch";
import { ServiceUserEntity, UserProfileEntity } from "./service-user.entity";

export type ServiceUserRecord = NonNullable<Awaited<ReturnType<ReturnType<typeof ServiceUserEntity.get>["go"]>>["data"]>;

export interface Identity {
  firstName: string;
  lastName: string;
  /** E.164 */
  phone?: string;
  phoneIsMobile: boolean;
  email?: string;
  birthDate?: string;
  address?: string;
}

/**
 * Whether a stored usager is the person now booking. Families share a phone, so the phone
 * alone never decides: the same phone and the same names, or the same phone, first name and
 * birth date (a changed last name). Twins sharing a phone and a birth date differ by first name.
 */
export function isSamePerson(stored: { firstName: string; lastName: string; birthDate?: string }, identity: Identity): boolean {
  const sameFirst = normalize(stored.firstName) === normalize(identity.firstName);
  const sameLast = normalize(stored.lastName) === normalize(identity.lastName);
  if (sameFirst && sameLast) return true;
  return sameFirst && !!stored.birthDate && stored.birthDate === identity.birthDate;
}

/**
 * The usager record to attach a booking to: an existing one when the same person comes back
 * (found by phone), else a new one. An existing record is never modified by an online booking:
 * whoever knows a phone number must not be able to change someone else's details.
 */
export async function findOrNew(identity: Identity): Promise<{ record: ServiceUserRecord | null; serviceUserId: string; phoneKnown: boolean }> {
  if (identity.phone) {
    const candidates = await ServiceUserEntity.query.byPhone({ phone: identity.phone }).go({ pages: "all" });
    const match = candidates.data
      .filter((candidate) => isSamePerson(candidate, identity))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0];
    if (match) return { record: match, serviceUserId: match.serviceUserId, phoneKnown: true };
    if (candidates.data.length > 0) return { record: null, serviceUserId: randomUUID(), phoneKnown: true };
  }
  return { record: null, serviceUserId: randomUUID(), phoneKnown: false };
}

export function searchName(firstName: string, lastName: string): string {
  return normalize(`${lastName} ${firstName}`);
}

export async function fromId(serviceUserId: string): Promise<ServiceUserRecord | null> {
  return (await ServiceUserEntity.get({ serviceUserId }).go()).data;
}

/** Several usagers in batch reads (keys DynamoDB leaves unprocessed are asked again; unknown ids are absent). */
export async function getMany(serviceUserIds: readonly string[]): Promise<ServiceUserRecord[]> {
  if (serviceUserIds.length === 0) return [];
  return getAll(ServiceUserEntity, serviceUserIds.map((serviceUserId) => ({ serviceUserId })));
}

/** The ids of every usager an organisation knows (its profiles, one paged query on its partition: the département export). */
export async function idsKnownTo(organisationId: string): Promise<string[]> {
  return (await UserProfileEntity.query.primary({ organisationId }).go({ pages: "all" })).data.map((profile) => profile.serviceUserId);
}


/**
 * The usager's items of a booking's transaction (guarantee 7 in docs/architecture.md: usager records and their
 * organisation profiles go 2 years after the usager's last appointment): a new record, or the
 * existing one's expiry moved on when this appointment ends later (conditioned on the expiry
 * read: a concurrent booking makes the transaction retry), and the organisation's profile. An
 * online booking changes nothing else of an existing record.
 */
export function bookingItems(
  e: Pick<TransactionEntities, "serviceUser" | "userProfile">,
  booking: { user: { record: ServiceUserRecord | null; serviceUserId: string }; identity: Identity; organisationId: string; expiresAt: number },
) {
  const { user, identity } = booking;
  const expiresAt = Math.max(booking.expiresAt, user.record?.expiresAt ?? 0);
  const record = user.record
    ? user.record.expiresAt !== undefined && user.record.expiresAt >= booking.expiresAt
      ? []
      : [
          e.serviceUser
            .patch({ serviceUserId: user.serviceUserId })
            .set({ expiresAt })
            .where((attr, op) => (user.record!.expiresAt === undefined ? op.notExists(attr.expiresAt) : op.eq(attr.expiresAt, user.record!.expiresAt)))
            .commit(),
        ]
    : [e.serviceUser.create({ serviceUserId: user.serviceUserId, ...identity, smsOptOut: false, expiresAt }).commit()];
  return {
    items: [...record, e.userProfile.put({ organisationId: booking.organisationId, serviceUserId: user.serviceUserId, searchName: searchName(identity.firstName, identity.lastName), expiresAt }).commit()],
    /** the record's item, when it is conditioned on what was read (index within `items`) */
    versioned: user.record && record.length > 0 ? [0] : [],
  };
}

/** Saves usagers and their profiles in batches (département import). */
export async function saveAll(items: PutItem<typeof ServiceUserEntity>[]): Promise<void> {
  await putAll(ServiceUserEntity, items);
}

export async function saveProfiles(items: PutItem<typeof UserProfileEntity>[]): Promise<void> {
  await putAll(UserProfileEntity, items);
}

/** The usager, when the organisation knows them (has their profile); null otherwise, as for an unknown id. */
export async function knownTo(serviceUserId: string, organisationId: string): Promise<ServiceUserRecord | null> {
  const [record, profile] = await Promise.all([fromId(serviceUserId), UserProfileEntity.query.byServiceUser({ serviceUserId, organisationId }).go()]);
  return record && profile.data.length > 0 ? record : null;
}
