import { appointmentEvent } from "@rdv/core/calendar";
import { getAppointment } from "@/lib/api";
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
  let value: string;
  try {
    value = appointmentEvent({
      id: appointment.id,
      startsAt: appointment.startsAt,
      endsAt: appointment.endsAt,
      cancelled: appointment.status !== "booked",
      locationType: appointment.motif.locationType,
      place: appointment.place,
      motif: { name: appointment.motif.name, service: appointment.service },
      instructions: appointment.motif.instructions,
      videoUrl: appointment.motif.videoUrl,
      manageUrl,
    });
  } catch (error) {
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
