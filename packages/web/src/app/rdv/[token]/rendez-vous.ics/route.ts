import { createEvent } from "ics";
import { getAppointment } from "@/lib/api";
import { isOnSite } from "@/lib/labels";
import { paths, publicUrl } from "@/lib/paths";

/** GET /rdv/{token}/rendez-vous.ics: the appointment as an iCalendar event. */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const view = await getAppointment(token);
  if (!view.ok) {
    // 400: a token that cannot be one (the API checks its format before looking it up)
    const status = view.reason === "http" && (view.status === 404 || view.status === 400) ? 404 : 503;
    return new Response(status === 404 ? "Rendez-vous introuvable." : "Service momentanément indisponible.", {
      status,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  const appointment = view.data;
  const manageUrl = `${publicUrl()}${paths.manage(token)}`;
  const location = isOnSite(appointment.motif.locationType)
    ? [appointment.place.name, appointment.place.address].filter(Boolean).join(", ")
    : appointment.motif.locationType === "phone"
      ? "Par téléphone"
      : appointment.place.name;
  const { error, value } = createEvent({
    uid: `${appointment.id}@rdv`,
    productId: "rdv/ics",
    start: Date.parse(appointment.startsAt),
    startInputType: "utc",
    startOutputType: "utc",
    end: Date.parse(appointment.endsAt),
    endInputType: "utc",
    endOutputType: "utc",
    // The title stays neutral: calendars are often shared or shown on a locked screen.
    title: `Rendez-vous — ${appointment.place.name}`,
    description: [
      `${appointment.motif.name} (${appointment.service})`,
      appointment.motif.instructions,
      appointment.place.phone ? `Téléphone : ${appointment.place.phone}` : undefined,
      `Annuler ou déplacer : ${manageUrl}`,
    ]
      .filter(Boolean)
      .join("\n"),
    location,
    url: manageUrl,
    status: appointment.status === "booked" ? "CONFIRMED" : "CANCELLED",
    busyStatus: "BUSY",
  });
  if (error || !value) {
    console.error("[ics] could not build the event:", error instanceof Error ? error.message : error);
    return new Response("Le fichier n’a pas pu être créé.", { status: 500, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  return new Response(value, {
    headers: {
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": 'attachment; filename="rendez-vous.ics"',
      "cache-control": "private, no-store",
      "x-robots-tag": "noindex",
    },
  });
}
