import { CommonError } from './common.errors.js';

/**
 * What no request may carry, whatever its route: text PostgreSQL cannot store or that is
 * not well-formed Unicode (a NUL character; a lone UTF-16 surrogate, which I-JSON,
 * RFC 7493 §2.1, forbids), and JSON nested deeper than any document of the standard is
 * (a deep enough nesting overflows the stack of the validators). Checked before
 * validation, without recursion, on bodies, queries and path parameters.
 */
export const MAX_JSON_DEPTH = 32;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why this text cannot be taken, or undefined when it can. */
export function unsafeText(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL character';
  if (LONE_SURROGATE.test(text)) return 'contains an unpaired UTF-16 surrogate (not well-formed Unicode)';
  return undefined;
}

/**
 * Walks a parsed value breadth-first and throws 422 naming the first bad string (or
 * member name), or 400 when it nests deeper than MAX_JSON_DEPTH. `where` prefixes the
 * paths (`query`, `body`…).
 */
export function assertSafeInput(value: unknown, where: string): void {
  const pending: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: '', depth: 0 }];
  while (pending.length > 0) {
    const { value: current, path, depth } = pending.pop()!;
    if (typeof current === 'string') {
      const reason = unsafeText(current);
      if (reason) throw refusal(path, where, reason);
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) {
      throw new CommonError('REQUEST_MALFORMED', `The ${where} nests deeper than ${MAX_JSON_DEPTH} levels; no OCX request does.`);
    }
    for (const [key, member] of Object.entries(current)) {
      const memberPath = path ? `${path}.${key}` : key;
      const reason = unsafeText(key);
      if (reason) throw refusal(memberPath, where, `has a member name that ${reason}`);
      pending.push({ value: member, path: memberPath, depth: depth + 1 });
    }
  }
}

function refusal(path: string, where: string, reason: string): CommonError {
  const field = path || where;
  return new CommonError('VALIDATION_FAILED', `${field} ${reason}.`, {}, [{ path: field, message: `${field} ${reason}` }]);
}
