import { ValidationError } from "../error";
import { parsePhone } from "../schema/phone";
import { findOrNew, fromId, type Identity, type ServiceUserRecord } from "./records";
import { UserProfileEntity } from "./service-user.entity";

export interface BookingParty {
  /** agents: an usager already known to the organisation */
  serviceUserId?: string;
  /** the form: online, or an agent creating the usager while booking */
  serviceUser?: { firstName: string; lastName: string; phone?: string; email?: string; birthDate?: string; address?: string };
}

/**
 * The usager of a booking. Online, from the form: a mobile number is required (the reminder goes
 * there) and the same person is found again by phone and names. For agents, an usager already
 * known to the organisation (an usager of another organisation is answered like an unknown one),
 * or a new one whose phone is optional. `phoneKnown`: whether any usager has this phone (when none
 * does, the number has no upcoming appointments to count either).
 */
export async function forBooking(
  input: BookingParty,
  options: { online: boolean; departmentCode: string; organisationId: () => Promise<string>; invited?: boolean },
): Promise<{ identity: Identity; user: { record: ServiceUserRecord | null; serviceUserId: string }; phoneKnown: boolean }> {
  // agents, and bookings through an invitation (whose usager the invitation names, never the body)
  if ((!options.online || options.invited) && input.serviceUserId) {
    const organisationId = await options.organisationId();
    const [record, profile] = await Promise.all([
      fromId(input.serviceUserId),
      UserProfileEntity.query.byServiceUser({ serviceUserId: input.serviceUserId, organisationId }).go(),
    ]);
    if (!record || profile.data.length === 0) throw new ValidationError({ serviceUserId: "usager inconnu dans cette organisation" });
    const identity: Identity = {
      firstName: record.firstName, lastName: record.lastName, phone: record.phone, phoneIsMobile: record.phoneIsMobile,
      email: record.email, birthDate: record.birthDate, address: input.serviceUser?.address ?? record.address,
    };
    return { identity, user: { record, serviceUserId: record.serviceUserId }, phoneKnown: true };
  }
  if (!input.serviceUser) throw new ValidationError({ serviceUser: "obligatoire" });
  const form = input.serviceUser;
  let phone: { e164: string; mobile: boolean } | null = null;
  if (form.phone) {
    phone = parsePhone(form.phone, options.departmentCode);
    if (!phone) throw new ValidationError({ "serviceUser.phone": "numéro de téléphone invalide" });
  }
  if (options.online && !phone) throw new ValidationError({ "serviceUser.phone": "obligatoire" });
  if (options.online && !phone!.mobile) {
    throw new ValidationError({ "serviceUser.phone": "un numéro de mobile est nécessaire pour recevoir le SMS de rappel" });
  }
  const identity: Identity = {
    firstName: form.firstName,
    lastName: form.lastName,
    phone: phone?.e164,
    phoneIsMobile: phone?.mobile ?? false,
    email: form.email?.toLowerCase(),
    birthDate: form.birthDate,
    address: form.address,
  };
  const { record, serviceUserId, phoneKnown } = await findOrNew(identity);
  return { identity, user: { record, serviceUserId }, phoneKnown };
}
