import type { ReactNode } from "react";
import { AgentDsfrLinks } from "@/dsfr-bootstrap/agent-links";

/** Every page under /agent, signed in or not. */
export default function AgentRootLayout({ children }: { children: ReactNode }) {
  return <AgentDsfrLinks>{children}</AgentDsfrLinks>;
}
