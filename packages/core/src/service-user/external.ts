import { randomUUID } from "node:crypto";
import * as Department from "../department";
import { transact } from "../db/transact";
import { ValidationError } from "../error";
import { expiresAt } from "../retention";
import { ServiceUserUpsertInput, type ServiceUserResource } from "../schema/api";
import { Id } from "../schema/common";
import { parsePhone } from "../schema/phone";
import type { AgentContext } from "../session";
import { validate } from "../validate";
import { getAll } from "../db/batch";
import { ExternalIdEntity, ExternalRefEntity } from "./external-id.entity";
import { searchName } from "./records";
import { ServiceUserEntity, UserProfileEntity } from "./service-user.entity";

const OPTIONAL_FIELDS = ["phone", "email", "birthDate", "address"] as const;

/**
 * PUT /v1/api/service-users/{externalId}: a business tool's usager, by the tool's own id, in the
 * key's organisation. The first call creates the usager (the externalId's tie is created on the
 * condition that it does not exist: two racing calls make one usager, the second updates it);
 * later calls replace the details (a field left out is removed). `created` tells which.
 */
export async function upsertByExternalId(externalId: unknown, body: unknown, ctx: AgentContext, now: Date): Promise<{ created: boolean; serviceUser: ServiceUserResource }> {
  const id = validate(Id, externalId, { prefix: "externalId" });
  const input = validate(ServiceUserUpsertInput, body);
  const { organisationId } = ctx;
  const department = await Department.get();
  const phone = input.phone ? parsePhone(input.phone, department.code) : null;
  if (input.phone && !phone) throw new ValidationError({ phone: "numéro de téléphone invalide" });
  const details = {
    firstName: input.firstName, lastName: input.lastName, phone: phone?.e164, phoneIsMobile: phone?.mobile ?? false,
    email: input.email?.toLowerCase(), birthDate: input.birthDate, address: input.address,
  };
  const set = Object.fromEntries(Object.entries(details).filter(([, value]) => value !== undefined)) as typeof details;
  const removed = OPTIONAL_FIELDS.filter((field) => details[field] === undefined);
  const name = searchName(input.firstName, input.lastName);
  const { phoneIsMobile: _mobile, ...shown } = set;
  const answer = (serviceUserId: string, created: boolean) => ({ created, serviceUser: { id: serviceUserId, externalId: id, organisationId, ...shown } });

  return transact(async () => {
    const tie = (await ExternalIdEntity.get({ organisationId, externalId: id }).go({ consistent: true })).data;
    if (!tie) {
      const serviceUserId = randomUUID();
      const expires = expiresAt(now.toISOString());
      return {
        write: (e) => ({
          items: [
            e.externalId.create({ organisationId, externalId: id, serviceUserId }).commit(),
            e.externalRef.put({ organisationId, serviceUserId, externalId: id }).commit(),
            e.serviceUser.create({ serviceUserId, ...set, smsOptOut: false, expiresAt: expires }).commit(),
            e.userProfile.put({ organisationId, serviceUserId, searchName: name, expiresAt: expires }).commit(),
          ],
          // created meanwhile by a racing call: read again, and update it
          versioned: [0],
        }),
        committed: () => answer(serviceUserId, true),
      };
    }
    const { serviceUserId } = tie;
    const profiles = (await UserProfileEntity.query.byServiceUser({ serviceUserId, organisationId }).go()).data;
    const user = (await ServiceUserEntity.get({ serviceUserId }).go({ consistent: true })).data;
    return {
      write: (e) => ({
        items: [
          (removed.length > 0 ? e.serviceUser.patch({ serviceUserId }).set(set).remove([...removed]) : e.serviceUser.patch({ serviceUserId }).set(set)).commit(),
          // the organisation's name search follows the new name
          ...profiles.filter((p) => p.searchName !== name).map((p) => e.userProfile.delete({ organisationId, searchName: p.searchName, serviceUserId }).commit()),
          e.userProfile.put({ organisationId, serviceUserId, searchName: name, expiresAt: user?.expiresAt }).commit(),
        ],
        // merged away meanwhile (the usager is gone): read again
        versioned: [0],
      }),
      committed: () => answer(serviceUserId, false),
    };
  });
}

/** The externalIds organisations gave these usagers (absent when none), in batch reads. */
export async function externalIdsOf(keys: Array<{ serviceUserId: string; organisationId: string }>): Promise<Array<{ serviceUserId: string; organisationId: string; externalId: string }>> {
  if (keys.length === 0) return [];
  return (await getAll(ExternalRefEntity, keys)).map(({ serviceUserId, organisationId, externalId }) => ({ serviceUserId, organisationId, externalId }));
}

/** The usager a business tool names by its own id in an organisation, if any (a booking invitation by `externalId`). */
export async function serviceUserIdOf(organisationId: string, externalId: string): Promise<string | null> {
  const tie = (await ExternalIdEntity.get({ organisationId, externalId }).go({ consistent: true })).data;
  return tie?.serviceUserId ?? null;
}
