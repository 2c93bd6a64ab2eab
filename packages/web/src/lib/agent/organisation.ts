// Server side: what the back office reads once per request about an organisation.
import { cache } from "react";
import { agentGet } from "./server";
import { ConfigurationInfo } from "@rdv/core/schema";

/** GET /v1/agent/configuration, once per request and organisation. */
export const loadConfiguration = cache((organisationId: string) => agentGet("/v1/agent/configuration", { organisation: organisationId }, ConfigurationInfo));

/**
 * A name for an organisation. The API gives no organisation name to agents yet: its first
 * place's name stands for it (the id when it has none).
 */
export async function organisationLabel(organisationId: string): Promise<string> {
  const configuration = await loadConfiguration(organisationId);
  return (configuration.ok && configuration.data.places[0]?.name) || organisationId;
}
