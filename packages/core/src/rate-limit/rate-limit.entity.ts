import { Entity } from "electrodb";
import { SERVICE, entityConfig } from "../db/entity-config";

/**
 * One counter per limited key and fixed time window (`sms#+336…#2026-12-02`,
 * `client-book#203.0.113.0#2026-12-02T10`). Incremented with a conditional ADD — alone or inside
 * the transaction of what it counts, so a limit counts what was granted — and removed by TTL
 * after its window.
 */
export const RateLimitEntity = new Entity(
  {
    model: { entity: "rateLimit", version: "1", service: SERVICE },
    attributes: {
      key: { type: "string", required: true },
      window: { type: "string", required: true },
      count: { type: "number", required: true, default: 0 },
      expiresAt: { type: "number", required: true },
    },
    indexes: {
      primary: { pk: { field: "pk", composite: ["key"] }, sk: { field: "sk", composite: ["window"] } },
    },
  },
  entityConfig(),
);
