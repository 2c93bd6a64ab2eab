"use client";

import { useLinkStatus } from "next/link";

/**
 * The loading state of a navigation: a small spinner inside the link that was followed, shown
 * until the next page is ready. (A route-level loading.tsx would stream every page behind a
 * script-swapped boundary, leaving browsers without JavaScript on the loading screen.)
 */
export function LinkPending() {
  const { pending } = useLinkStatus();
  return pending ? <span className="rdv-spinner" aria-hidden="true" /> : null;
}
