import * as ManageToken from "@rdv/core/manage-token";

/** Once per Lambda container, before the first event: what every handler needs loaded. */
export function prepare(): Promise<void> {
  return ManageToken.loadSecret();
}
