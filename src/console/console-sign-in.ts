import type { Settings } from '../config/settings.js';

export interface ConsoleSignIn {
  development: boolean;
  oidc: { issuer: string; clientId: string; scope: string; resource: string | null } | null;
}

/**
 * How people sign in to the console on this hub: read by the config route the page asks and by
 * the page's CSP (which admits the OIDC issuer only when it is used). The settings refuse
 * AUTH_DEV_ISSUER in production, so it alone says whether the development sign-in exists.
 */
export function consoleSignIn(settings: Pick<Settings, 'AUTH_DEV_ISSUER' | 'OIDC_ISSUER' | 'CONSOLE_OIDC_CLIENT_ID' | 'CONSOLE_OIDC_SCOPE' | 'CONSOLE_OIDC_RESOURCE'>): ConsoleSignIn {
  const { OIDC_ISSUER: issuer, CONSOLE_OIDC_CLIENT_ID: clientId } = settings;
  return {
    development: settings.AUTH_DEV_ISSUER,
    oidc: issuer && clientId ? { issuer, clientId, scope: settings.CONSOLE_OIDC_SCOPE, resource: settings.CONSOLE_OIDC_RESOURCE ?? null } : null,
  };
}
