import type { z } from "zod";
import { ValidationError } from "../error";
import { fieldErrors } from "../schema/common";

/**
 * The domain's one boundary: outside input is parsed with its zod schema, and a failure is the
 * one `ValidationError`, each field named (`motifs[3].durationMinutes: …`), a 400 at the edge.
 * `prefix` names where the value came from when it is part of something larger.
 */
export function validate<S extends z.ZodType>(schema: S, value: unknown, options: { prefix?: string; message?: string } = {}): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields = fieldErrors(parsed.error);
  const named = options.prefix
    ? Object.fromEntries(Object.entries(fields).map(([path, message]) => [path === "(racine)" ? options.prefix! : `${options.prefix}.${path}`, message]))
    : fields;
  throw new ValidationError(named, options.message);
}

/**
 * A domain function whose first argument comes from outside (in the manner of SST console's
 * `zod(schema, fn)`): it is validated with `schema` before `impl` runs, and the schema stays on
 * the function (`fn.schema`) for handlers and documents to reuse.
 */
export function fn<S extends z.ZodType, A extends unknown[], R>(schema: S, impl: (input: z.output<S>, ...rest: A) => R) {
  const wrapped = (input: unknown, ...rest: A): R => impl(validate(schema, input), ...rest);
  return Object.assign(wrapped, { schema });
}
