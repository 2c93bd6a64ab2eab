export { bookingItems, findOrNew, fromId, getMany, idsKnownTo, knownTo, isSamePerson, saveAll, saveProfiles, searchName, type Identity, type ServiceUserRecord } from "./records";
export { forBooking, type BookingParty } from "./booking";
export { create, merge, search, CreateInput, MergeInput, SearchInput, type Found } from "./search";
export { serviceUserIdOf, upsertByExternalId } from "./external";
