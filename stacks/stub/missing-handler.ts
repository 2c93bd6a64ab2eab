/**
 * Deployed only by an offline synth (tests, `npm run synth`) in place of a handler whose file
 * does not exist yet, so the rest of the infrastructure can still be synthesized and read.
 * A real deploy refuses missing handlers instead (see resolveHandler in ../lambda.ts).
 */
export async function handler(): Promise<{ statusCode: number; body: string }> {
  return { statusCode: 501, body: JSON.stringify({ error: { code: "not_implemented", message: "handler not deployed" } }) };
}
