/**
 * Stands in for `jsonschema` in the deployed bundles (stacks/bundling.ts, `alias`). ElectroDB uses
 * it for one thing: checking a model when an entity is built, which was 27 % of a route's cold
 * start (docs/performance.md). The models are constants, fully checked by every test and by the
 * local stack, which run core unbundled with the real `jsonschema`. ElectroDB also asks it whether
 * a value is a model at all (a Service is given entities, not models): that answer only needs the
 * schema's required properties, which is all this checks.
 */
function requiredKeys(schema) {
  if (Array.isArray(schema.required)) return schema.required;
  return Object.entries(schema.properties || {})
    .filter(([, property]) => property && property.required === true)
    .map(([key]) => key);
}

class Validator {
  addSchema() {}
  validate(instance, schema) {
    const errors = requiredKeys(schema)
      .filter((key) => instance === null || typeof instance !== "object" || !(key in instance))
      .map((key) => ({ property: "instance", argument: key, message: `requires property "${key}"` }));
    return { errors, valid: errors.length === 0 };
  }
}
Validator.prototype.customFormats = {};
module.exports = { Validator };
