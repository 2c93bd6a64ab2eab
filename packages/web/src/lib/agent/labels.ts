// French wording of the API's codes, for the back office.

import { DEPARTMENT_TIMEZONE, formatShortDateTime } from "@/lib/time";

export const STATUSES = ["booked", "seen", "excused", "revoked", "noshow"] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<Status, string> = {
  booked: "Prévu",
  seen: "Honoré",
  excused: "Excusé",
  revoked: "Annulé par le service",
  noshow: "Lapin (absence non excusée)",
};

/** The one-click buttons of a past appointment, in the order agents use them most. */
export const MARK_ACTIONS: { status: Exclude<Status, "booked">; label: string }[] = [
  { status: "seen", label: "Honoré" },
  { status: "noshow", label: "Lapin" },
  { status: "excused", label: "Excusé" },
  { status: "revoked", label: "Annulé par le service" },
];

/** Event colours in the agenda: DSFR colours, white text with enough contrast on each. */
export const STATUS_COLOURS: Record<Status, { background: string; border: string; text: string }> = {
  booked: { background: "#000091", border: "#000091", text: "#ffffff" },
  seen: { background: "#18753c", border: "#18753c", text: "#ffffff" },
  excused: { background: "#666666", border: "#666666", text: "#ffffff" },
  revoked: { background: "#666666", border: "#3a3a3a", text: "#ffffff" },
  noshow: { background: "#ce0500", border: "#ce0500", text: "#ffffff" },
};

export function statusLabel(status: string): string {
  return STATUS_LABELS[status as Status] ?? status;
}

export const DSFR_BADGE: Record<Status, "info" | "success" | "warning" | "error" | "new"> = {
  booked: "info",
  seen: "success",
  excused: "warning",
  revoked: "warning",
  noshow: "error",
};

export const LOCATION_TYPES = ["on_site", "home", "phone", "video"] as const;
export const LOCATION_LABELS: Record<string, string> = {
  on_site: "Sur place",
  home: "À domicile",
  phone: "Par téléphone",
  video: "En visioconférence",
};

export const NOTIFICATION_LABELS: Record<string, string> = {
  normal: "SMS normaux",
  discreet: "SMS discrets (libellé neutre)",
  none: "Aucun SMS",
};

export const RECEIPT_KINDS: Record<string, string> = {
  confirmation: "Confirmation",
  reminder: "Rappel",
  reschedule: "Déplacement",
  cancellation: "Annulation par l'usager",
  revocation: "Annulation par le service",
};

export const RECEIPT_STATUSES: Record<string, string> = {
  pending: "En attente d'envoi",
  sending: "En cours d'envoi",
  sent: "Envoyé, en attente de l'accusé de réception",
  delivered: "Reçu",
  failed: "Non reçu",
  anonymised: "Envoyé (contenu effacé)",
};

/** Why an appointment is on the call list. */
export const CALL_REASONS: Record<string, string> = {
  no_mobile: "Pas de portable : aucun SMS",
  sms_opt_out: "A refusé les SMS",
  sms_failed: "SMS non reçu",
  sms_not_delivered: "SMS sans accusé de réception depuis 12 h",
  previous_noshow: "Absent sans prévenir à un rendez-vous précédent",
  booked_long_ago: "Pris il y a plus de 4 semaines",
};

export const CALL_OUTCOMES: Record<string, string> = {
  confirmed: "Confirmé",
  cancelled: "Annulé",
  unreachable: "Injoignable",
};

export const NO_SMS_REASONS: Record<string, string> = {
  no_mobile: "pas de numéro de portable",
  opted_out: "l'usager a refusé les SMS",
  motif_not_notified: "ce motif n'envoie pas de SMS",
};

export const AUDIT_ACTIONS: Record<string, string> = {
  book: "Rendez-vous pris",
  create_session: "Séance collective créée",
  reschedule: "Rendez-vous déplacé",
  revoke: "Rendez-vous annulé par le service",
  status: "Statut modifié",
  arrival: "Arrivée à l’accueil",
};

export const ROLE_LABELS: Record<string, string> = {
  admin: "Administrateur",
  secretariat: "Secrétariat",
  agent: "Agent",
};

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export const WEEKDAY_LABELS: Record<string, string> = {
  mon: "lundi",
  tue: "mardi",
  wed: "mercredi",
  thu: "jeudi",
  fri: "vendredi",
  sat: "samedi",
  sun: "dimanche",
};

/** Which weekday of the month a monthly series takes. */
export const ORDINALS = [1, 2, 3, 4, 5, "last"] as const;
export const ORDINAL_LABELS: Record<string, string> = { 1: "premier", 2: "deuxième", 3: "troisième", 4: "quatrième", 5: "cinquième", last: "dernier" };

/** "45 min", "1 h", "1 h 30" */
export function formatDuration(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return rest === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60)} h ${String(rest).padStart(2, "0")}`;
}

/** "2 h avant", "1 jour avant", "non autorisé" for the usager's cut-offs (-1 = forbidden). */
export function formatCutOff(minutes: number | undefined): string {
  if (minutes === undefined) return "—";
  if (minutes < 0) return "non autorisé";
  if (minutes === 0) return "jusqu'à l'heure du rendez-vous";
  if (minutes % 1440 === 0) return `jusqu'à ${minutes / 1440} jour${minutes === 1440 ? "" : "s"} avant`;
  if (minutes % 60 === 0) return `jusqu'à ${minutes / 60} h avant`;
  return `jusqu'à ${minutes} min avant`;
}

export function agentName(agent: { firstName: string; lastName: string } | undefined): string {
  return agent ? `${agent.firstName} ${agent.lastName}` : "Agent inconnu";
}

/** Configuration changes (GET /v1/agent/configuration/changes). */
export const CONFIG_SUBJECTS: Record<string, string> = {
  place: "Lieu",
  motif: "Motif",
  opening_rule: "Plage d’ouverture",
  absence: "Absence",
  invitation: "Invitation",
  agent: "Agent",
  webhook: "Webhook",
  api_key: "Clé d’API",
};

export const CONFIG_ACTIONS: Record<string, string> = {
  created: "créé",
  updated: "modifié",
  deleted: "supprimé",
  occurrence_edited: "occurrence modifiée",
  sent: "envoyée",
  deactivated: "désactivé",
  reactivated: "réactivé",
  removed: "retiré de l’organisation",
  rotated: "secret renouvelé",
  resent: "envoi relancé",
};

const FIELD_LABELS: Record<string, string> = {
  status: "statut",
  startsAt: "horaire",
  usager: "usager",
  name: "nom",
  address: "adresse",
  phone: "téléphone",
  durationMinutes: "durée (minutes)",
  bufferMinutes: "battement (minutes)",
  cancelUntilMinutesBefore: "annulation en ligne jusqu’à (minutes avant)",
  rescheduleUntilMinutesBefore: "déplacement en ligne jusqu’à (minutes avant)",
  locationType: "type",
  online: "réservable en ligne",
  minDelayMinutes: "délai minimal (minutes)",
  maxDelayDays: "délai maximal (jours)",
  collective: "collectif",
  capacity: "places",
  serviceId: "service",
  serviceIds: "services",
  motifIds: "motifs",
  start: "début",
  end: "fin",
  firstDay: "premier jour",
  until: "jusqu’au",
  recurrence: "récurrence",
  exceptions: "exceptions",
  title: "intitulé",
  email: "e-mail",
  firstName: "prénom",
  lastName: "nom",
  role: "rôle",
  state: "état",
  arrivedAt: "arrivée",
  url: "adresse",
  events: "événements",
  delivery: "envoi",
};

/** One change of an audit entry, `[before, after]`, in words: "nom : A → B". */
export function describeChange(key: string, change: unknown): string {
  const [before, after] = Array.isArray(change) ? (change as unknown[]) : [undefined, change];
  const show = (value: unknown): string => {
    if (value === null || value === undefined) return "—";
    if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return formatShortDateTime(value, DEPARTMENT_TIMEZONE);
    if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return value.replace("T", " à "); // wall clock
    if (key === "status" && typeof value === "string") return statusLabel(value);
    if (key === "role" && typeof value === "string") return ROLE_LABELS[value] ?? value;
    if (typeof value === "boolean") return value ? "oui" : "non";
    if (typeof value === "string" || typeof value === "number") return String(value);
    return JSON.stringify(value);
  };
  const label = key.startsWith("exceptions.") ? `occurrence du ${key.slice("exceptions.".length)}` : (FIELD_LABELS[key] ?? key);
  return before === null || before === undefined ? `${label} : ${show(after)}` : `${label} : ${show(before)} → ${show(after)}`;
}

/** Team members' states (GET /v1/agent/team). */
export const MEMBER_STATES: Record<string, { label: string; severity: "success" | "info" | "error" }> = {
  active: { label: "Actif", severity: "success" },
  invited: { label: "Invité", severity: "info" },
  deactivated: { label: "Désactivé", severity: "error" },
};

/** "Arrivé à 9 h 42", from an instant carrying the département's offset. */
export function arrivalLabel(arrivedAt: string): string {
  return `Arrivé à ${Number(arrivedAt.slice(11, 13))} h ${arrivedAt.slice(14, 16)}`;
}
/** Webhook event types, as admins read them. */
export const EVENT_LABELS: Record<string, string> = {
  "appointment.created": "Rendez-vous pris",
  "appointment.updated": "Rendez-vous modifié",
  "appointment.cancelled": "Rendez-vous annulé",
  "appointment.status_changed": "Statut d’un rendez-vous changé",
  "invitation.booked": "Rendez-vous pris depuis une invitation",
};
