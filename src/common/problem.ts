/** RFC 9457 problem details, as the hub writes them (`application/problem+json`). */
export interface ProblemKind {
  readonly status: number;
  readonly title: string;
}

export interface FieldError {
  /** Path of the offending field, dot-separated (`sla.acknowledgeHours`, `keys.0.crv`). */
  readonly path: string;
  readonly message: string;
}

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  correlationId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** `PARTNER_NOT_FOUND` → `/problems/partner-not-found`: stable, and served by the hub itself. */
export function problemTypeUri(code: string): string {
  return `/problems/${code.toLowerCase().replace(/_/g, '-')}`;
}

export function codeFromProblemSlug(slug: string): string {
  return slug.toUpperCase().replace(/-/g, '_');
}
