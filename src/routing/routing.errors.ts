import { errorFamily, type ProblemTable } from '../common/domain-error.js';

export const ROUTING_PROBLEMS = {
  ROUTING_RULE_NOT_FOUND: { status: 404, title: 'No such routing rule' },
  ROUTING_RULE_INVALID: { status: 422, title: 'The routing rule is not valid' },
  ROUTING_RULE_EXISTS: { status: 409, title: 'The same routing rule already exists' },
  ROUTING_PERIOD_INVALID: { status: 422, title: 'The period is not valid' },
} as const satisfies ProblemTable<string>;

export class RoutingError extends errorFamily(ROUTING_PROBLEMS) {}
