import type { Action } from './plan-step.ts';

/** An API call that failed while applying one step; the cause is the SDK's error. */
export class StepError extends Error {
  override name = 'StepError';
  constructor(
    readonly label: string,
    readonly action: Action,
    override readonly cause: unknown,
  ) {
    super(`${action === 'create' ? 'creating' : 'updating'} ${label} failed`);
  }
}
