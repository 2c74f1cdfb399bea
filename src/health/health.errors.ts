import { errorFamily, type ProblemTable } from '../common/domain-error.js';

export const HEALTH_PROBLEMS = {
  HUB_NOT_READY: { status: 503, title: 'The hub is not ready' },
} as const satisfies ProblemTable<string>;

export class HealthError extends errorFamily(HEALTH_PROBLEMS) {}
