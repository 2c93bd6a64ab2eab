import { randomUUID } from "node:crypto";
import { normalize } from "../commune/search";
import { ServiceUserEntity } from "./service-user.entity";

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
export async function findOrNew(identity: Identity): Promise<{ record: ServiceUserRecord | null; serviceUserId: string }> {
  if (identity.phone) {
    const candidates = await ServiceUserEntity.query.byPhone({ phone: identity.phone }).go({ pages: "all" });
    const match = candidates.data
      .filter((candidate) => isSamePerson(candidate, identity))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0];
    if (match) return { record: match, serviceUserId: match.serviceUserId };
  }
  return { record: null, serviceUserId: randomUUID() };
}

export function searchName(firstName: string, lastName: string): string {
  return normalize(`${lastName} ${firstName}`);
}

export async function fromId(serviceUserId: string): Promise<ServiceUserRecord | null> {
  return (await ServiceUserEntity.get({ serviceUserId }).go()).data;
}

export { create, merge, search, CreateInput, MergeInput, SearchInput, type Found } from "./search";
