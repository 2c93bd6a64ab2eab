import { ConflictError } from "../error";

export class SlotTakenError extends ConflictError {
  constructor() {
    super("appointment.slot_taken", "Ce créneau vient d'être réservé par quelqu'un d'autre. Merci d'en choisir un autre.");
  }
}

export class SessionFullError extends ConflictError {
  constructor() {
    super("appointment.session_full", "Cette séance est complète. Merci d'en choisir une autre.");
  }
}
