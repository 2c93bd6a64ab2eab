import type { AgentContext } from "../session";

/** Who books: an usager online, or an agent (with what their body adds). */
export type Actor =
  | { kind: "usager" }
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
