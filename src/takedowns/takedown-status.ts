import type { TakedownOutcome, TakedownStatus } from '../standard/codes.js';

/** An outcome that settles a target: anything but `pending` (the platform is still on it). */
export function isFinalOutcome(outcome: TakedownOutcome | null): boolean {
  return outcome !== null && outcome !== 'pending';
}

/** Outcomes that mean the content is no longer reachable in Thailand. */
export const TAKEN_DOWN: readonly TakedownOutcome[] = ['removed', 'restricted', 'restricted_in_th', 'account_suspended', 'already_removed'];

/** A request's status from its targets' latest outcomes: completed when every target is settled, open while none has an answer. */
export function rollUp(outcomes: ReadonlyArray<TakedownOutcome | null>): TakedownStatus {
  if (outcomes.length > 0 && outcomes.every(isFinalOutcome)) return 'completed';
  return outcomes.some((outcome) => outcome !== null) ? 'partially_answered' : 'open';
}

/** Whether an answer issued at `next` replaces one issued at `previous`: later answers supersede, per target. */
export function supersedes(previous: Date | null, next: Date): boolean {
  return previous === null || next.getTime() >= previous.getTime();
}
