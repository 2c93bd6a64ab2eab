import { Entity } from "electrodb";
import { SERVICE, entityConfig } from "../db/entity-config";

/**
 * The table's migration record (one item): the number of the last migration applied, when, and
 * the history of every one applied with its counts. Its keys are fixed strings ("migration")
 * rather than ElectroDB's derived ones, so the record outlives any change of this entity's model.
 */
export const MigrationEntity = new Entity(
  {
    model: { entity: "migration", version: "1", service: SERVICE },
    attributes: {
      /** number of the last migration applied */
      version: { type: "number", required: true },
      name: { type: "string", required: true },
      description: { type: "string", required: true },
      appliedAt: { type: "string", required: true },
      /** [{ number, name, appliedAt, counts }], oldest first */
      history: { type: "any", required: true, default: () => [] },
    },
    indexes: {
      primary: {
        pk: { field: "pk", composite: [], template: "migration" },
        sk: { field: "sk", composite: [], template: "migration" },
      },
    },
  },
  entityConfig(),
);
