"use client";

import { useMemo, type ReactNode } from "react";
import { setLink } from "@codegouvfr/react-dsfr/link";
import { DsfrLink } from "./index";

/**
 * react-dsfr's client components (buttons and tiles with links, in the agents' space) render their
 * links with the registered Link. Registered here rather than for the whole site: react-dsfr's
 * link module brings its whole theme object into the browser (14 kB gzipped), and no usager page
 * has such a component.
 */
export function AgentDsfrLinks({ children }: { children: ReactNode }) {
  useMemo(() => setLink({ Link: DsfrLink }), []);
  return <>{children}</>;
}
