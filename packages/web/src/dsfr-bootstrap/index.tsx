"use client";

import type { ReactNode } from "react";
import Link from "next/link";
import { DsfrProviderBase, StartDsfrOnHydration } from "@codegouvfr/react-dsfr/next-app-router";
import { defaultColorScheme } from "./defaultColorScheme";

declare module "@codegouvfr/react-dsfr/next-app-router" {
  interface RegisterLink {
    Link: typeof Link;
  }
}

export function DsfrProvider(props: { children: ReactNode; lang: string }) {
  const { children, lang } = props;
  return (
    <DsfrProviderBase lang={lang} Link={Link} defaultColorScheme={defaultColorScheme}>
      {children}
    </DsfrProviderBase>
  );
}

export { StartDsfrOnHydration };
