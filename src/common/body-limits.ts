/** Form bodies only reach the OAuth token endpoint (RFC 6749 §4.4.2): a client assertion and a few fields. */
export const FORM_BODY_LIMIT = 16 * 1024;

const FORM = /^application\/x-www-form-urlencoded\b/i;

/** The most bytes the hub reads of a body of this media type (JSON and JWS bodies: JSON_BODY_LIMIT). */
export function bodyLimitFor(contentType: string | undefined, jsonBodyLimit: number): number {
  return FORM.test(contentType ?? '') ? FORM_BODY_LIMIT : jsonBodyLimit;
}
