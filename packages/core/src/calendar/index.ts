import { createEvent, createEvents } from "ics";

/**
 * An appointment as an iCalendar event: the one builder for the site's `.ics` link and the file
 * attached to the usager's e-mails. Pure (the `ics` package only): the site imports it as
 * `@rdv/core/calendar`. The title stays neutral — calendars are often shared or shown on a locked
 * screen; a discreet motif's service and motif are left out of the description too.
 */
export interface AppointmentEventInput {
  id: string;
  /** instants (any offset) */
  startsAt: string;
  endsAt: string;
  cancelled: boolean;
  /** on_site, home, phone or video */
  locationType: string;
  place: { name: string; address?: string; phone?: string };
  /** motif and service names; absent for discreet motifs */
  motif?: { name: string; service: string };
  instructions?: string;
  /** video motifs: the meeting link */
  videoUrl?: string;
  manageUrl: string;
}

export function appointmentEvent(input: AppointmentEventInput): string {
  const location =
    input.locationType === "on_site"
      ? [input.place.name, input.place.address].filter(Boolean).join(", ")
      : input.locationType === "phone"
        ? "Par téléphone"
        : input.locationType === "video" && input.videoUrl
          ? input.videoUrl
          : input.place.name;
  const { error, value } = createEvent({
    uid: `${input.id}@rdv`,
    productId: "rdv/ics",
    start: Date.parse(input.startsAt),
    startInputType: "utc",
    startOutputType: "utc",
    end: Date.parse(input.endsAt),
    endInputType: "utc",
    endOutputType: "utc",
    title: `Rendez-vous — ${input.place.name}`,
    description: [
      input.motif ? `${input.motif.name} (${input.motif.service})` : undefined,
      input.instructions,
      input.videoUrl ? `Lien de la visio : ${input.videoUrl}` : undefined,
      input.place.phone ? `Téléphone : ${input.place.phone}` : undefined,
      `Annuler ou déplacer : ${input.manageUrl}`,
    ]
      .filter(Boolean)
      .join("\n"),
    location,
    url: input.manageUrl,
    status: input.cancelled ? "CANCELLED" : "CONFIRMED",
    busyStatus: "BUSY",
  });
  if (error || !value) throw new Error(`calendar event: ${error instanceof Error ? error.message : "not built"}`);
  return value;
}

/** One appointment in an agent's calendar feed: only what the feed may show (see CalendarFeed). */
export interface AgentFeedEvent {
  id: string;
  startsAt: string;
  endsAt: string;
  title: string;
  location: string;
  description?: string;
}

/** An agent's appointments as one iCalendar file (a subscribed feed: Outlook, Thunderbird, phones). */
export function agentFeed(name: string, events: readonly AgentFeedEvent[]): string {
  const { error, value } = createEvents(
    events.map((event) => ({
      uid: `${event.id}@rdv`,
      start: Date.parse(event.startsAt),
      startInputType: "utc",
      startOutputType: "utc",
      end: Date.parse(event.endsAt),
      endInputType: "utc",
      endOutputType: "utc",
      title: event.title,
      location: event.location,
      description: event.description,
      status: "CONFIRMED",
      busyStatus: "BUSY",
    })),
    { productId: "rdv/ics", method: "PUBLISH", calName: name },
  );
  if (error || !value) throw new Error(`calendar feed: ${error instanceof Error ? error.message : "not built"}`);
  return value;
}
