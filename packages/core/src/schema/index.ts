/**
 * Core's schema entry point: zod schemas and types only. The web site and the stacks import
 * this module; it must import neither ElectroDB nor the AWS SDK (checked by lint).
 */
export * from "./common";
export * from "./department-file";
export * from "./stage-settings";
export * from "./phone";
export * from "./appointment";
export * from "./agent";
export * from "./agent-configuration";
export * from "./reminder-trial";
export * from "./waitlist";
export * from "./team";
export * from "./webhook";
export * from "./api";
export * from "./booking-invitation";
