export { agentActor, book, SlotTakenError, type Actor } from "./book";
export { cancel, fromToken, reschedule, selfServicePolicy } from "./manage";
export { listSessions, type SessionInfo } from "./sessions";
export { AgentBookOptions, BookInput, Booked, IdempotencyKey, Instant, ManageView, RescheduleInput } from "./schema";
export { createSession, detail, moveByAgent, revoke, setStatus, summary, toMark, MoveInput, SessionInput, StatusInput, ToMarkInput } from "./agent";
