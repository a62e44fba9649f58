// What the reader is told when something fails: the error's own message, or the thrown value.
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
