import { fn } from "../validate";
import { randomUUID } from "node:crypto";
import * as z from "zod";
import * as Department from "../department";
import { ValidationError } from "../error";
import { Email, Id, LocalDate, PersonName } from "../schema/common";
import { parsePhone } from "../schema/phone";
import { ForbiddenError, type AgentContext } from "../session";
import { normalize } from "../commune/search";
import { ServiceUserEntity, UserProfileEntity } from "./service-user.entity";
// the appointment records' own file, not the concept's index: booking (in appointment/) finds
// its usager here, so going through the index would make the two import each other
import * as Appointment from "../appointment/records";
import * as Audit from "../audit";
import { expiresAt } from "../retention";

export const SearchInput = z.object({
  organisationId: Id,
  q: z.string().trim().min(2, "2 caractères au moins").max(100),
});

export interface Found {
  id: string;
  firstName: string;
  lastName: string;
  phone?: string;
  email?: string;
  birthDate?: string;
  smsOptOut: boolean;
}

function assertMember(ctx: AgentContext, organisationId: string) {
  if (!ctx.memberships.some((m) => m.organisationId === organisationId)) throw new ForbiddenError("Vous ne faites pas partie de cette organisation.");
}

/**
 * Usagers of the organisation by phone, e-mail or name prefix ("dub", "dubois ch"). An agent
 * finds only the usagers known to their organisation (a profile there), never the others.
 */
export const search = fn(SearchInput, async (input, ctx: AgentContext): Promise<Found[]> => {
  const { organisationId, q } = input;
  assertMember(ctx, organisationId);
  let ids: string[];
  const department = await Department.get();
  const phone = /^[+\d][\d .-]{5,}$/.test(q) ? parsePhone(q, department.code) : null;
  if (phone) {
    ids = (await ServiceUserEntity.query.byPhone({ phone: phone.e164 }).go({ pages: "all" })).data.map((u) => u.serviceUserId);
  } else if (q.includes("@")) {
    ids = (await ServiceUserEntity.query.byEmail({ email: q.toLowerCase() }).go({ pages: "all" })).data.map((u) => u.serviceUserId);
  } else {
    const profiles = await UserProfileEntity.query.primary({ organisationId }).begins({ searchName: normalize(q) }).go({ limit: 50 });
    ids = profiles.data.map((p) => p.serviceUserId);
  }
  if (phone || q.includes("@")) {
    const known = await Promise.all(ids.map((serviceUserId) => UserProfileEntity.query.byServiceUser({ serviceUserId, organisationId }).go()));
    ids = ids.filter((_, i) => known[i]!.data.length > 0);
  }
  if (ids.length === 0) return [];
  const users = await ServiceUserEntity.get([...new Set(ids)].map((serviceUserId) => ({ serviceUserId }))).go();
  return users.data
    .map((u) => ({ id: u.serviceUserId, firstName: u.firstName, lastName: u.lastName, phone: u.phone, email: u.email, birthDate: u.birthDate, smsOptOut: u.smsOptOut }))
    .sort((a, b) => a.lastName.localeCompare(b.lastName, "fr") || a.firstName.localeCompare(b.firstName, "fr"));
});

export const CreateInput = z.object({
  organisationId: Id,
  firstName: PersonName,
  lastName: PersonName,
  phone: z.string().trim().max(30).optional(),
  email: Email.optional(),
  birthDate: LocalDate.optional(),
  address: z.string().trim().min(1).max(300).optional(),
  smsOptOut: z.boolean().default(false),
});

/** An agent creates an usager inline (a mobile number is optional: no SMS without one). */
export const create = fn(CreateInput, async (input, ctx: AgentContext, now: Date): Promise<Found> => {
  const data = input;
  assertMember(ctx, data.organisationId);
  const department = await Department.get();
  const phone = data.phone ? parsePhone(data.phone, department.code) : null;
  if (data.phone && !phone) throw new ValidationError({ phone: "numéro de téléphone invalide" });
  const serviceUserId = randomUUID();
  const record = {
    serviceUserId, firstName: data.firstName, lastName: data.lastName, phone: phone?.e164, phoneIsMobile: phone?.mobile ?? false,
    email: data.email?.toLowerCase(), birthDate: data.birthDate, address: data.address, smsOptOut: data.smsOptOut,
    // kept 2 years unless an appointment moves it on (see bookingItems)
    expiresAt: expiresAt(now.toISOString()),
  };
  await ServiceUserEntity.create(record).go();
  await UserProfileEntity.put({ organisationId: data.organisationId, serviceUserId, searchName: normalize(`${data.lastName} ${data.firstName}`), expiresAt: record.expiresAt }).go();
  return { id: serviceUserId, firstName: record.firstName, lastName: record.lastName, phone: record.phone, email: record.email, birthDate: record.birthDate, smsOptOut: record.smsOptOut };
});

export const MergeInput = z.object({ organisationId: Id, keepId: Id, mergeId: Id }).refine((i) => i.keepId !== i.mergeId, { path: ["mergeId"], message: "deux usagers différents sont attendus" });

/**
 * Merges a duplicate usager into another (agents of an organisation that knows both): the
 * duplicate's appointments move to the kept record, its organisations know the kept record,
 * the kept record gets the contact details it lacked, and the duplicate is deleted. Each step is
 * idempotent, so an interrupted merge completes when run again.
 */
export const merge = fn(MergeInput, async (input, ctx: AgentContext, now: Date): Promise<Found> => {
  const { organisationId, keepId, mergeId } = input;
  assertMember(ctx, organisationId);
  const [keep, dup, keepProfile, dupProfiles] = await Promise.all([
    ServiceUserEntity.get({ serviceUserId: keepId }).go(),
    ServiceUserEntity.get({ serviceUserId: mergeId }).go(),
    UserProfileEntity.query.byServiceUser({ serviceUserId: keepId, organisationId }).go(),
    UserProfileEntity.query.byServiceUser({ serviceUserId: mergeId }).go({ pages: "all" }),
  ]);
  if (!keep.data || keepProfile.data.length === 0) throw new ValidationError({ keepId: "usager inconnu dans cette organisation" });
  if (!dup.data || !dupProfiles.data.some((p) => p.organisationId === organisationId)) throw new ValidationError({ mergeId: "usager inconnu dans cette organisation" });
  const participations = await Appointment.participationsOf(mergeId);
  for (const participation of participations) {
    await Appointment.reassignParticipation({ appointmentId: participation.appointmentId, participationId: participation.participationId }, keepId);
    await Audit.record(
      Audit.entry(participation.appointmentId, ctx, "merge_usager", { usager: [`${dup.data.lastName} ${dup.data.firstName}`, `${keep.data.lastName} ${keep.data.firstName}`] }, now, participation.expiresAt),
    );
  }
  for (const profile of dupProfiles.data) {
    await UserProfileEntity.put({ organisationId: profile.organisationId, serviceUserId: keepId, searchName: normalize(`${keep.data.lastName} ${keep.data.firstName}`), expiresAt: Math.max(keep.data.expiresAt ?? 0, dup.data.expiresAt ?? 0) || undefined }).go();
    await UserProfileEntity.delete({ organisationId: profile.organisationId, searchName: profile.searchName, serviceUserId: mergeId }).go();
  }
  const kept = Math.max(keep.data.expiresAt ?? 0, dup.data.expiresAt ?? 0) || undefined;
  const filled = {
    expiresAt: kept,
    phone: keep.data.phone ?? dup.data.phone,
    phoneIsMobile: keep.data.phone ? keep.data.phoneIsMobile : dup.data.phoneIsMobile,
    email: keep.data.email ?? dup.data.email,
    birthDate: keep.data.birthDate ?? dup.data.birthDate,
    address: keep.data.address ?? dup.data.address,
  };
  await ServiceUserEntity.put({ ...keep.data, ...filled }).go();
  await ServiceUserEntity.delete({ serviceUserId: mergeId }).go();
  const merged = { ...keep.data, ...filled };
  return { id: keepId, firstName: merged.firstName, lastName: merged.lastName, phone: merged.phone, email: merged.email, birthDate: merged.birthDate, smsOptOut: merged.smsOptOut };
});
