"use client";

import dynamic from "next/dynamic";
import type { AgendaCalendarProps } from "./AgendaCalendar";

// FullCalendar measures the page: it renders in the browser only.
const AgendaCalendar = dynamic(() => import("./AgendaCalendar").then((m) => m.AgendaCalendar), {
  ssr: false,
  loading: () => <p>Chargement de l’agenda…</p>,
});

export function AgendaLoader(props: AgendaCalendarProps) {
  return <AgendaCalendar {...props} />;
}
