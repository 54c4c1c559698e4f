/**
 * The `code` of a Node system error (ENOENT, EEXIST…). Not `instanceof Error`: errors raised by
 * Node's own modules can come from another realm (e.g. under a test runner's VM context).
 */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  return typeof error.code === "string" ? error.code : String(error.code);
}
