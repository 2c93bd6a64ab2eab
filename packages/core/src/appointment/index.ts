export { agentActor, book, SlotTakenError, type Actor, type BookOptions } from "./book";
export { cancel } from "./cancel";
export { reschedule } from "./reschedule";
export { fromToken, selfServicePolicy } from "./manage-link";
export { listSessions, type SessionInfo } from "./sessions";
export { AgentBookOptions, BookInput, Booked, IdempotencyKey, Instant, ManageView, RescheduleInput } from "./schema";
export { detail, summary, toMark, ToMarkInput } from "./agent-view";
export { moveByAgent, revoke, setStatus, MoveInput, StatusInput, STATUSES } from "./agent-actions";
export { createSession, SessionInput } from "./session-create";
