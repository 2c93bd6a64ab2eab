"use client";

import { forwardRef, useEffect, useMemo, type ComponentProps, type ReactNode } from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { setUseLang } from "@codegouvfr/react-dsfr/i18n";
import { SsrIsDarkProvider } from "@codegouvfr/react-dsfr/useIsDark/server";
import { defaultColorScheme } from "./defaultColorScheme";

declare module "@codegouvfr/react-dsfr/next-app-router" {
  interface RegisterLink {
    Link: typeof Link;
  }
}

/**
 * The links of the DSFR's header and footer: they do not prefetch (on a phone, prefetching the
 * agents' space and the legal pages competed with the page being loaded).
 */
export const DsfrLink = forwardRef<HTMLAnchorElement, ComponentProps<typeof Link>>(function DsfrLink(props, ref) {
  return <Link prefetch={false} {...props} ref={ref} />;
});

const isBrowser = typeof window !== "undefined";

/** What first tells that the person is using the page: the DSFR's script is loaded then. */
const FIRST_USE = ["pointerdown", "touchstart", "keydown", "focusin", "mousemove", "scroll", "wheel"] as const;

let started = false;
let ready = false;
/** A DSFR control (menu, display settings) pressed before the script was ready: pressed again once it is. */
let pressedTooEarly: HTMLElement | undefined;

function startDsfr(): void {
  if (started) return;
  started = true;
  // the header's menu gets its accessible name for the DSFR's script, which manages it from then on
  for (const element of document.querySelectorAll<HTMLElement>("[data-rdv-labelledby]")) {
    element.setAttribute("aria-labelledby", element.dataset.rdvLabelledby!);
  }
  // react-dsfr's start (and the colour-scheme logic it brings) is itself loaded on demand
  void import("@codegouvfr/react-dsfr/start").then(async ({ prDsfrLoaded, start }) => {
    void start({
      defaultColorScheme,
      verbose: false,
      doCheckNonce: false,
      trustedTypesPolicyName: "react-dsfr",
      nextParams: { doPersistDarkModePreferenceWithCookie: false, registerEffectAction: (action) => action() },
    });
    await prDsfrLoaded;
    // the DSFR sets its components up on the next frames
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        ready = true;
        const control = pressedTooEarly;
        pressedTooEarly = undefined;
        control?.click();
      }),
    );
  });
}

function rememberEarlyPress(event: MouseEvent): void {
  if (ready) return;
  const control = (event.target as Element | null)?.closest?.<HTMLElement>("button[aria-controls]");
  if (!control) return;
  pressedTooEarly = control;
  startDsfr();
}

/**
 * What react-dsfr's DsfrProvider does (language, the DSFR's script), except that the
 * usager pages load the DSFR's script (110 kB, and its start-up work) at the first sign of use
 * rather than during the page load: their content works without it; only the header's menu on
 * phones and the display settings need it, and a press on them before it is ready is replayed.
 * The agents' space starts it at once.
 */
export function DsfrProvider(props: { children: ReactNode; lang: string }) {
  const { children, lang } = props;
  const pathname = usePathname();
  useMemo(() => {
    setUseLang({ useLang: () => lang });
    // the client-side Link is registered by the agents' space (see agent-links.tsx)
  }, [lang]);

  useEffect(() => {
    if (pathname.startsWith("/agent")) startDsfr();
    if (started) return;
    const first = () => startDsfr();
    for (const type of FIRST_USE) window.addEventListener(type, first, { once: true, passive: true, capture: true });
    document.addEventListener("click", rememberEarlyPress, true);
    return () => {
      for (const type of FIRST_USE) window.removeEventListener(type, first, { capture: true });
    };
  }, [pathname]);

  if (isBrowser) return <>{children}</>;
  return <SsrIsDarkProvider value={false}>{children}</SsrIsDarkProvider>;
}
