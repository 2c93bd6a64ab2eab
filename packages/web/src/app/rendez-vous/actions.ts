"use server";

import { randomUUID } from "node:crypto";
import { redirect } from "next/navigation";
import { bookAppointment, listSessions, type BookRequest, type Interval } from "@/lib/api";
import { FIELD_OF_API_PATH, type BookingField, type BookingFormState, type BookingValues } from "@/lib/booking-form";
import { addDays, capitalize, formatDateTime, localDateOf, mondayOf, parseInstant } from "@/lib/time";
import { paths } from "@/lib/paths";
import { MAX_RANGE_DAYS, nearestSlots } from "@/lib/week";

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;
const ALTERNATIVES = 5;

function text(formData: FormData, name: string, max = 300): string {
  const value = formData.get(name);
  return typeof value === "string" ? value.trim().slice(0, max) : "";
}

function optional(value: string): string | undefined {
  return value === "" ? undefined : value;
}

/** POSTs the booking with the form's Idempotency-Key, then shows the confirmation. */
export async function bookAction(_previous: BookingFormState, formData: FormData): Promise<BookingFormState> {
  const commune = text(formData, "commune", 10);
  const motifId = text(formData, "motifId", 80);
  const placeId = text(formData, "placeId", 80);
  const collective = text(formData, "collective") === "true";
  const startsAt = parseInstant(text(formData, "startsAt", 40));
  const submittedKey = text(formData, "idempotencyKey", 128);
  const idempotencyKey = IDEMPOTENCY_KEY.test(submittedKey) ? submittedKey : randomUUID();
  const values: BookingValues = {
    forWhom: text(formData, "forWhom") === "relative" ? "relative" : "self",
    firstName: text(formData, "firstName", 100),
    lastName: text(formData, "lastName", 100),
    phone: text(formData, "phone", 30),
    email: text(formData, "email", 254),
    address: text(formData, "address", 300),
    relativeFirstName: text(formData, "relativeFirstName", 100),
    relativeLastName: text(formData, "relativeLastName", 100),
    relativeBirthDate: text(formData, "relativeBirthDate", 10),
    prescriberName: text(formData, "prescriberName", 100),
    prescriberStructure: text(formData, "prescriberStructure", 150),
    prescriberPhone: text(formData, "prescriberPhone", 30),
    prescriberEmail: text(formData, "prescriberEmail", 254),
  };
  const byPrescriber = text(formData, "prescriber") === "yes";
  const slotsHref = paths.slots(commune, motifId, placeId, startsAt ? mondayOf(localDateOf(startsAt)) : undefined);
  if (!startsAt) {
    return { idempotencyKey, values, slotGone: { reason: "unavailable", alternatives: [], slotsHref } };
  }

  const request: BookRequest = {
    motifId,
    placeId,
    startsAt,
    serviceUser: {
      firstName: values.firstName,
      lastName: values.lastName,
      phone: values.phone,
      email: optional(values.email),
      address: optional(values.address),
    },
    relative:
      values.forWhom === "relative"
        ? { firstName: values.relativeFirstName, lastName: values.relativeLastName, birthDate: optional(values.relativeBirthDate) }
        : undefined,
    prescriber: byPrescriber
      ? { name: values.prescriberName, structure: values.prescriberStructure, phone: optional(values.prescriberPhone), email: optional(values.prescriberEmail) }
      : undefined,
  };

  const result = await bookAppointment(request, idempotencyKey);
  if (result.ok) redirect(paths.confirmation(result.data.manageToken, motifId));

  if (result.kind === "unavailable") {
    // The booking may have gone through: the same key makes a retry safe.
    return {
      idempotencyKey,
      values,
      formError: "Le service ne répond pas pour le moment. Vos informations sont conservées : merci de réessayer dans un instant.",
    };
  }

  // A definite refusal wrote nothing: the next attempt is a new request with a new key.
  const fresh = randomUUID();
  const { code, message, fields = {} } = result.error;
  if (code === "appointment.slot_taken" || code === "appointment.session_full" || fields.startsAt) {
    const alternatives = collective ? await nearestSessions(motifId, placeId, startsAt) : await nearestSlots(motifId, placeId, startsAt, ALTERNATIVES);
    return {
      idempotencyKey: fresh,
      values,
      slotGone: {
        reason: code === "appointment.slot_taken" || code === "appointment.session_full" ? "taken" : "unavailable",
        alternatives: alternatives.map((slot) => ({ startsAt: slot.startsAt, label: capitalize(formatDateTime(slot.startsAt)) })),
        slotsHref,
      },
    };
  }

  const fieldErrors: Partial<Record<BookingField, string>> = {};
  const otherErrors: string[] = [];
  for (const [path, fieldMessage] of Object.entries(fields)) {
    const field = FIELD_OF_API_PATH[path];
    if (field) fieldErrors[field] = capitalize(fieldMessage);
    else otherErrors.push(capitalize(fieldMessage));
  }
  return {
    idempotencyKey: fresh,
    values,
    fieldErrors,
    formError:
      otherErrors.length > 0 || Object.keys(fieldErrors).length === 0
        ? [message ?? "Votre demande n’a pas pu être enregistrée.", ...otherErrors].join(" ")
        : undefined,
  };
}

async function nearestSessions(motifId: string, placeId: string, startsAt: string): Promise<Interval[]> {
  const from = mondayOf(localDateOf(startsAt));
  const sessions = await listSessions(motifId, placeId, from, addDays(from, MAX_RANGE_DAYS - 1));
  return sessions.ok ? sessions.data.filter((session) => session.startsAt !== startsAt).slice(0, ALTERNATIVES) : [];
}
