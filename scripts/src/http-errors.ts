/** An expected failure of a command-line helper: printed as one sentence, without a stack trace. */
export class CliError extends Error {
  override name = 'CliError';
}

/** Turns "fetch failed" into a sentence that says what is not running and how to start it. */
export class NotReachableError extends CliError {
  override name = 'NotReachableError';
}

export async function fetchOrExplain(
  what: string,
  url: string | URL,
  init: RequestInit | undefined,
  hint: string,
): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw new NotReachableError(`${what} at ${String(url)} is not reachable (${cause}). ${hint}`.trim());
  }
}
