import type { AgentContext } from "../session";

/** Who books: an usager online, or an agent (with what their body adds). */
export type Actor =
  | {
      kind: "usager";
      /**
       * booking through a booking invitation: the usager is the one invited (no identity step),
       * the motif may be on invitation only, and `agentIds` (référent-only motifs) narrows the
       * agents whose slots are offered
       */
      invitation?: { invitationId: string; serviceUserId: string; agentIds?: string[] };
    }
  | {
      kind: "agent";
      agentId: string;
      /** the agent saw the warning (outside opening rules or the booking window) and confirmed */
      acknowledgeWarnings?: boolean;
      /** agents to book; defaults to the free agents of the slot */
      agentIds?: string[];
      /** the signed-in agent (access and audit) */
      context?: AgentContext;
    };
