import { Entity } from "electrodb";
import { SERVICE, entityConfig, timestamps } from "../db/entity-config";
import { TIMEZONES } from "../schema/common";

/** The département this stage serves (one item): code, name, timezone, Whit Monday. */
export const DepartmentEntity = new Entity(
  {
    model: { entity: "department", version: "1", service: SERVICE },
    attributes: {
      code: { type: "string", required: true },
      name: { type: "string", required: true },
      timezone: { type: TIMEZONES, required: true },
      whitMondayWorked: { type: "boolean", required: true, default: false },
      ...timestamps,
    },
    indexes: {
      primary: { pk: { field: "pk", composite: [] }, sk: { field: "sk", composite: [] } },
    },
  },
  entityConfig(),
);
