import { errorFamily, type ProblemTable } from '../common/domain-error.js';

/** OAuth 2.0 token errors (RFC 6749 §5.2), as problems that also carry `error` and `error_description`. */
export const AUTH_PROBLEMS = {
  OAUTH_INVALID_REQUEST: { status: 400, title: 'The token request is malformed' },
  OAUTH_UNSUPPORTED_GRANT_TYPE: { status: 400, title: 'Only client_credentials is supported' },
  OAUTH_INVALID_SCOPE: { status: 400, title: 'A requested scope is not known' },
  OAUTH_INVALID_CLIENT: { status: 401, title: 'The client assertion was refused' },
} as const satisfies ProblemTable<string>;

export class AuthError extends errorFamily(AUTH_PROBLEMS) {}

const OAUTH_ERROR_CODES: Record<keyof typeof AUTH_PROBLEMS, string> = {
  OAUTH_INVALID_REQUEST: 'invalid_request',
  OAUTH_UNSUPPORTED_GRANT_TYPE: 'unsupported_grant_type',
  OAUTH_INVALID_SCOPE: 'invalid_scope',
  OAUTH_INVALID_CLIENT: 'invalid_client',
};

export function oauthError(code: keyof typeof AUTH_PROBLEMS, description: string): AuthError {
  return new AuthError(code, description, { error: OAUTH_ERROR_CODES[code], error_description: description });
}
