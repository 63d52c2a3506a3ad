/** A problem the setup explains in its message; the entry prints it without a stack and exits 1. */
export class SetupError extends Error {
  override name = 'SetupError';
}
