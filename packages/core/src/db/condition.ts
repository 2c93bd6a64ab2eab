/** ElectroDB wraps the SDK's ConditionalCheckFailedException; look for it by name in the cause chain. */
export function isConditionFailure(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { name?: string }).name === "ConditionalCheckFailedException") return true;
  }
  return false;
}
