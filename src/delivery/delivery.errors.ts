import { errorFamily, type ProblemTable } from '../common/domain-error.js';

export const DELIVERY_PROBLEMS = {
  DELIVERY_NOT_FOUND: { status: 404, title: 'No such delivery' },
  DELIVERY_NOT_DEAD: { status: 409, title: 'Only a dead delivery can be redelivered' },
  ENDPOINT_NOT_PAUSED: { status: 404, title: "Pushes to this partner's endpoint are not paused" },
} as const satisfies ProblemTable<string>;

export class DeliveryError extends errorFamily(DELIVERY_PROBLEMS) {}
