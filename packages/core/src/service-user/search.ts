import { randomUUID } from "node:crypto";
import { z } from "zod";
import * as Department from "../department";
import { ValidationError } from "../error";
import { Email, Id, LocalDate, PersonName, fieldErrors } from "../schema/common";
import { parsePhone } from "../schema/phone";
import { ForbiddenError, type AgentContext } from "../session";
import { normalize } from "../commune/search";
import { ServiceUserEntity, UserProfileEntity } from "./service-user.entity";

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
export async function search(input: z.input<typeof SearchInput>, ctx: AgentContext): Promise<Found[]> {
  const parsed = SearchInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
  const { organisationId, q } = parsed.data;
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
}

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
export async function create(input: unknown, ctx: AgentContext): Promise<Found> {
  const parsed = CreateInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
  const data = parsed.data;
  assertMember(ctx, data.organisationId);
  const department = await Department.get();
  const phone = data.phone ? parsePhone(data.phone, department.code) : null;
  if (data.phone && !phone) throw new ValidationError({ phone: "numéro de téléphone invalide" });
  const serviceUserId = randomUUID();
  const record = {
    serviceUserId, firstName: data.firstName, lastName: data.lastName, phone: phone?.e164, phoneIsMobile: phone?.mobile ?? false,
    email: data.email?.toLowerCase(), birthDate: data.birthDate, address: data.address, smsOptOut: data.smsOptOut,
  };
  await ServiceUserEntity.create(record).go();
  await UserProfileEntity.put({ organisationId: data.organisationId, serviceUserId, searchName: normalize(`${data.lastName} ${data.firstName}`) }).go();
  return { id: serviceUserId, firstName: record.firstName, lastName: record.lastName, phone: record.phone, email: record.email, birthDate: record.birthDate, smsOptOut: record.smsOptOut };
}
