// The booking workspace's state (an agent books for an usager) as a pure reducer: what is chosen,
// the intent's Idempotency-Key, and the outcome of the last attempt. Keys are made by the caller
// (crypto.randomUUID) and passed in, so the reducer stays pure.
import type { ApiErrorInfo, ServiceUserInfo } from "@rdv/core/schema";

/** What is about to be booked: a free slot, another time (agents chosen), or a seat in a collective session. */
export type Choice =
  | { kind: "slot"; startsAt: string; agentIds: string[] }
  | { kind: "custom"; startsAt: string; agentIds: string[] }
  | { kind: "session"; startsAt: string; agentIds: string[] };

export interface Booked {
  id: string;
  startsAt: string;
  who: string;
}

export interface BookingState {
  usager?: ServiceUserInfo;
  motifId: string;
  placeId: string;
  choice?: Choice;
  /** the "other time" form: open, its agents, its error */
  customOpen: boolean;
  customAgents: string[];
  customError?: string;
  /** one per booking intent: a retry of the same intent reuses it */
  idempotencyKey: string;
  /** the API asked for confirmation (outside opening hours or the booking window) */
  warning?: ApiErrorInfo;
  error?: ApiErrorInfo;
  pending: boolean;
  booked?: Booked;
  /** bumped to make the slot and session lists read again */
  refreshKey: number;
}

export type BookingAction =
  | { type: "usager_chosen"; usager: ServiceUserInfo; key: string }
  | { type: "usager_cleared" }
  | { type: "motif_changed"; motifId: string; places: string[] | undefined; key: string }
  | { type: "place_changed"; placeId: string; key: string }
  | { type: "chosen"; choice: Choice | undefined; key: string }
  | { type: "custom_chosen"; choice: Choice; key: string }
  | { type: "custom_toggled" }
  | { type: "custom_agent_toggled"; agentId: string; checked: boolean }
  | { type: "custom_refused"; message: string }
  | { type: "booking_started" }
  | { type: "booking_succeeded"; booked: Booked; key: string }
  | { type: "booking_needs_confirmation"; warning: ApiErrorInfo }
  | { type: "booking_failed"; error: ApiErrorInfo };

export interface Prefill {
  date?: string;
  time?: string;
  agentId?: string;
  motifId?: string;
  placeId?: string;
  session?: string;
}

export function initialState(prefill: Prefill, motifIds: string[], key: string): BookingState {
  return {
    motifId: prefill.motifId && motifIds.includes(prefill.motifId) ? prefill.motifId : "",
    placeId: prefill.placeId ?? "",
    customOpen: Boolean(prefill.date && prefill.time),
    customAgents: prefill.agentId ? [prefill.agentId] : [],
    idempotencyKey: key,
    pending: false,
    refreshKey: 0,
  };
}

/** A new choice (or none) starts a new intent: outcome cleared, new key. */
function choose(state: BookingState, choice: Choice | undefined, key: string): BookingState {
  return { ...state, choice, warning: undefined, error: undefined, booked: undefined, idempotencyKey: key };
}

/** The place that goes with a new motif: its only place, none when the chosen one does not offer it. */
function placeFor(motifPlaces: string[] | undefined, placeId: string): string {
  if (motifPlaces?.length === 1) return motifPlaces[0]!;
  if (motifPlaces?.length && !motifPlaces.includes(placeId)) return "";
  return placeId;
}

const RELIST_CODES = ["appointment.slot_taken", "appointment.session_full"];

export function bookingReducer(state: BookingState, action: BookingAction): BookingState {
  switch (action.type) {
    case "usager_chosen":
      return { ...state, usager: action.usager, booked: undefined, idempotencyKey: action.key };
    case "usager_cleared":
      return { ...state, usager: undefined };
    case "motif_changed":
      return choose({ ...state, motifId: action.motifId, placeId: placeFor(action.places, state.placeId) }, undefined, action.key);
    case "place_changed":
      return choose({ ...state, placeId: action.placeId }, undefined, action.key);
    case "chosen":
      return choose(state, action.choice, action.key);
    case "custom_chosen":
      return choose({ ...state, customError: undefined }, action.choice, action.key);
    case "custom_toggled":
      return { ...state, customOpen: !state.customOpen };
    case "custom_agent_toggled":
      return {
        ...state,
        customAgents: action.checked ? [...state.customAgents, action.agentId] : state.customAgents.filter((id) => id !== action.agentId),
      };
    case "custom_refused":
      return { ...state, customError: action.message };
    case "booking_started":
      return { ...state, pending: true, error: undefined };
    case "booking_succeeded":
      return { ...state, pending: false, booked: action.booked, warning: undefined, choice: undefined, idempotencyKey: action.key, refreshKey: state.refreshKey + 1 };
    case "booking_needs_confirmation":
      return { ...state, pending: false, warning: action.warning };
    case "booking_failed":
      return {
        ...state,
        pending: false,
        warning: undefined,
        error: action.error,
        refreshKey: RELIST_CODES.includes(action.error.code) ? state.refreshKey + 1 : state.refreshKey,
      };
  }
}
