import { describe, expect, it } from "vitest";
import { bookingReducer, initialState, type BookingAction, type BookingState } from "./state";

const usager = { id: "u1", firstName: "Chloé", lastName: "Dubois", phone: "+33612345678", smsOptOut: false };
const slot = { kind: "slot" as const, startsAt: "2026-12-07T09:00:00+01:00", agentIds: ["alice"] };
const run = (state: BookingState, ...actions: BookingAction[]) => actions.reduce(bookingReducer, state);
const fresh = () => initialState({}, ["consult", "atelier"], "k0");

describe("the booking workspace's reducer", () => {
  it("starts from the prefill: a known motif only, the other-time form open when a date and a time are given", () => {
    expect(initialState({ motifId: "consult", placeId: "arras", date: "2026-12-07", time: "18:00", agentId: "alice" }, ["consult"], "k0")).toEqual({
      motifId: "consult", placeId: "arras", customOpen: true, customAgents: ["alice"], idempotencyKey: "k0", pending: false, refreshKey: 0,
    });
    expect(initialState({ motifId: "gone", date: "2026-12-07" }, ["consult"], "k0")).toEqual({
      motifId: "", placeId: "", customOpen: false, customAgents: [], idempotencyKey: "k0", pending: false, refreshKey: 0,
    });
  });

  it("a new motif keeps the place only where the motif is offered, takes its only place, and drops the choice", () => {
    const chosen = run(fresh(), { type: "place_changed", placeId: "arras", key: "k1" }, { type: "chosen", choice: slot, key: "k2" });
    expect(run(chosen, { type: "motif_changed", motifId: "consult", places: ["arras", "lens"], key: "k3" })).toMatchObject({ placeId: "arras", choice: undefined, idempotencyKey: "k3" });
    expect(run(chosen, { type: "motif_changed", motifId: "consult", places: ["lens", "bethune"], key: "k3" }).placeId).toBe("");
    expect(run(chosen, { type: "motif_changed", motifId: "consult", places: ["lens"], key: "k3" }).placeId).toBe("lens");
    expect(run(chosen, { type: "motif_changed", motifId: "consult", places: undefined, key: "k3" }).placeId).toBe("arras");
  });

  it("each new choice is a new intent: outcome cleared, new Idempotency-Key; a retry of the same intent keeps its key", () => {
    const failed = run(fresh(), { type: "usager_chosen", usager, key: "k1" }, { type: "chosen", choice: slot, key: "k2" }, { type: "booking_started" }, { type: "booking_failed", error: { code: "service.unavailable", message: "Indisponible" } });
    expect(failed).toMatchObject({ idempotencyKey: "k2", pending: false, error: { code: "service.unavailable" }, refreshKey: 0, choice: slot });
    expect(run(failed, { type: "booking_started" })).toMatchObject({ idempotencyKey: "k2", pending: true, error: undefined });
    expect(run(failed, { type: "chosen", choice: undefined, key: "k3" })).toMatchObject({ idempotencyKey: "k3", error: undefined, choice: undefined });
  });

  it("asks for confirmation, then books: the success is shown, the choice dropped, the lists read again", () => {
    const warning = { code: "appointment.needs_confirmation", message: "Hors plage" };
    const asked = run(fresh(), { type: "chosen", choice: slot, key: "k1" }, { type: "booking_started" }, { type: "booking_needs_confirmation", warning });
    expect(asked).toMatchObject({ warning, pending: false, choice: slot });
    const booked = { id: "rdv-1", startsAt: slot.startsAt, who: "Chloé Dubois" };
    expect(run(asked, { type: "booking_started" }, { type: "booking_succeeded", booked, key: "k2" })).toEqual({ ...asked, warning: undefined, choice: undefined, booked, idempotencyKey: "k2", refreshKey: 1, pending: false });
  });

  it("a slot taken meanwhile or a full session makes the lists read again; other refusals do not", () => {
    const taken = run(fresh(), { type: "booking_failed", error: { code: "appointment.slot_taken", message: "Pris" } });
    const full = run(taken, { type: "booking_failed", error: { code: "appointment.session_full", message: "Complète" } });
    const refused = run(full, { type: "booking_failed", error: { code: "auth.forbidden", message: "Non" } });
    expect([taken.refreshKey, full.refreshKey, refused.refreshKey]).toEqual([1, 2, 2]);
  });

  it("the other-time form: agents ticked and unticked, a refusal shown until a time is chosen", () => {
    const ticked = run(fresh(), { type: "custom_toggled" }, { type: "custom_agent_toggled", agentId: "alice", checked: true }, { type: "custom_agent_toggled", agentId: "bruno", checked: true }, { type: "custom_agent_toggled", agentId: "alice", checked: false });
    expect(ticked).toMatchObject({ customOpen: true, customAgents: ["bruno"] });
    const refused = run(ticked, { type: "custom_refused", message: "Indiquez une date et une heure." });
    expect(refused.customError).toBe("Indiquez une date et une heure.");
    const custom = { kind: "custom" as const, startsAt: "2026-12-07T18:00:00+01:00", agentIds: ["bruno"] };
    expect(run(refused, { type: "custom_chosen", choice: custom, key: "k9" })).toMatchObject({ customError: undefined, choice: custom, idempotencyKey: "k9" });
    expect(run(refused, { type: "chosen", choice: slot, key: "k9" }).customError).toBe("Indiquez une date et une heure.");
  });

  it("choosing an usager clears the last success and starts a new intent; changing usager keeps the rest", () => {
    const booked = { id: "rdv-1", startsAt: slot.startsAt, who: "Chloé Dubois" };
    const after = run(fresh(), { type: "booking_succeeded", booked, key: "k1" }, { type: "usager_chosen", usager, key: "k2" });
    expect(after).toMatchObject({ usager, booked: undefined, idempotencyKey: "k2" });
    expect(run(after, { type: "usager_cleared" })).toEqual({ ...after, usager: undefined });
  });
});
