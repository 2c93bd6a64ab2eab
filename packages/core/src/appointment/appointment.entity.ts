import { Entity } from "electrodb";
import { SERVICE, entityConfig, timestamps } from "../db/entity-config";
import { APPOINTMENT_STATUSES } from "../schema/department-file";

/** A rendez-vous: motif, place, agents, instants (UTC) with the timezone beside them. */
export const AppointmentEntity = new Entity(
  {
    model: { entity: "appointment", version: "1", service: SERVICE },
    attributes: {
      appointmentId: { type: "string", required: true },
      organisationId: { type: "string", required: true },
      serviceId: { type: "string", required: true },
      motifId: { type: "string", required: true },
      placeId: { type: "string", required: true },
      agentIds: { type: "list", items: { type: "string" }, required: true },
      startsAt: { type: "string", required: true },
      endsAt: { type: "string", required: true },
      timezone: { type: "string", required: true },
      status: { type: APPOINTMENT_STATUSES, required: true, default: "booked" },
      collective: { type: "boolean", required: true, default: false },
      capacity: { type: "number" },
      /** an individual appointment's one participation (absent on sessions, and on items written before): lists read them in one batch */
      participationId: { type: "string" },
      seatsTaken: { type: "number", required: true, default: 0 },
      /** who the appointment is with, for agendas ("Dubois Chloé (Léo)"); collective sessions have none */
      label: { type: "string" },
      createdBy: { type: ["usager", "agent"] as const, required: true },
      createdByAgentId: { type: "string" },
      /** who booked, when it was not the usager themselves nor an agent: a prescripteur */
      bookedBy: {
        type: "map",
        properties: {
          kind: { type: ["prescriber"] as const, required: true },
          name: { type: "string", required: true },
          structure: { type: "string", required: true },
          phone: { type: "string" },
          email: { type: "string" },
        },
      },
      /** when it was booked, by the domain's clock (absent on imported appointments: createdAt stands in) */
      bookedAt: { type: "string" },
      /** when the usager was marked arrived at the desk (UTC ISO), on the day of the appointment; removed when undone */
      arrivedAt: { type: "string" },
      /** the reminder moment (UTC ISO) of the appointment's one schedule; absent when none is due */
      reminderAt: { type: "string" },
      /** why no reminder is scheduled (e.g. the moment had already passed at booking) */
      reminderNote: { type: "string" },
      /** "pending" until the reminder schedule matches the appointment (created, moved or deleted) */
      scheduleStatus: { type: ["pending", "synced"] as const },
      /** the call list's last outcome (an agent phoned the usager), when and by whom */
      callOutcome: { type: ["confirmed", "cancelled", "unreachable"] as const },
      calledAt: { type: "string" },
      calledByName: { type: "string" },
      /** sparse work index: set while something is left to do ("work") */
      workQueue: { type: "string" },
      workDueAt: { type: "string" },
      /** DynamoDB TTL: two years after the appointment (personal data retention) */
      expiresAt: { type: "number" },
      /** 1 at creation, incremented by every write of the appointment: orders its changes for integrations */
      version: { type: "number", required: true, default: 1 },
      ...timestamps,
    },
    indexes: {
      primary: {
        collection: "appointment",
        pk: { field: "pk", composite: ["appointmentId"] },
        sk: { field: "sk", composite: [] },
      },
      /**
       * an organisation's appointments by last change (the integration API's `updatedSince`): in
       * gsi3, not gsi1, whose organisation partition holds its configuration, read whole
       */
      byOrganisationUpdated: {
        index: "gsi3",
        pk: { field: "gsi3pk", composite: ["organisationId"] },
        sk: { field: "gsi3sk", composite: ["updatedAt", "appointmentId"] },
      },
      /** the reconciler's work: appointments whose schedule is not synced yet */
      pendingWork: {
        index: "gsi4",
        pk: { field: "gsi4pk", composite: ["workQueue"] },
        sk: { field: "gsi4sk", composite: ["workDueAt"] },
      },
      /** an organisation's agenda for a day or a week */
      byOrganisationStart: {
        index: "gsi2",
        pk: { field: "gsi2pk", composite: ["organisationId"] },
        sk: { field: "gsi2sk", composite: ["startsAt", "appointmentId"] },
      },
    },
  },
  entityConfig(),
);

/** One usager's place in an appointment (several for a collective session). */
export const ParticipationEntity = new Entity(
  {
    model: { entity: "participation", version: "1", service: SERVICE },
    attributes: {
      appointmentId: { type: "string", required: true },
      participationId: { type: "string", required: true },
      serviceUserId: { type: "string", required: true },
      relative: {
        type: "map",
        properties: {
          firstName: { type: "string", required: true },
          lastName: { type: "string", required: true },
          birthDate: { type: "string" },
        },
      },
      status: { type: APPOINTMENT_STATUSES, required: true, default: "booked" },
      /** manage token: HMAC of (participationId, tokenVersion); only its SHA-256 is stored */
      tokenVersion: { type: "number", required: true, default: 1 },
      tokenHash: { type: "string", required: true },
      /** why this usager gets no SMS: no_mobile, opted_out or motif_not_notified */
      noSmsReason: { type: ["no_mobile", "opted_out", "motif_not_notified"] as const },
      /** the reminder wording trial's text this participation gets, `<trial id>/<text id>` (stage settings `reminderTrial`) */
      reminderVariant: { type: "string" },
      /** set once its reminder was sent with that text: the participation then counts in the trial's statistics */
      remindedVariant: { type: "string" },
      expiresAt: { type: "number" },
      ...timestamps,
    },
    indexes: {
      primary: {
        collection: "appointment",
        pk: { field: "pk", composite: ["appointmentId"] },
        sk: { field: "sk", composite: ["participationId"] },
      },
      /** an usager's participations (merging duplicate usagers) */
      byServiceUser: {
        index: "gsi2",
        pk: { field: "gsi2pk", composite: ["serviceUserId"] },
        sk: { field: "gsi2sk", composite: ["appointmentId", "participationId"] },
      },
      byTokenHash: {
        index: "gsi3",
        pk: { field: "gsi3pk", composite: ["tokenHash"] },
        sk: { field: "gsi3sk", composite: [] },
      },
    },
  },
  entityConfig(),
);
