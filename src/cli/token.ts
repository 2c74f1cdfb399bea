import { parseArgs } from 'node:util';
import path from 'node:path';
import { loadDevIssuerKey, mintDevToken } from '../auth/dev-issuer.js';
import { isRole, ROLES } from '../access/roles.js';
import { loadSettings } from '../config/settings.js';

/**
 * `npm run token -- --role staff --sub somchai [--partner ocpb] [--ttl 3600]`: a token from the local development
 * issuer, signed with the key the hub made in its DATA_DIR (the same DATA_DIR as the hub's, default `.data`).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      sub: { type: 'string' },
      partner: { type: 'string' },
      ttl: { type: 'string', default: '3600' },
    },
  });
  const roles = values.role ?? [];
  if (!values.sub || roles.length === 0 || !roles.every(isRole)) {
    process.stderr.write(`usage: npm run token -- --role <${ROLES.join('|')}> [--role …] --sub <name> [--partner <id>] [--ttl <seconds>]\n`);
    process.exit(64);
  }
  const settings = loadSettings(process.env);
  if (!settings.AUTH_DEV_ISSUER) {
    process.stderr.write('AUTH_DEV_ISSUER is off: tokens come from the identity provider at OIDC_ISSUER.\n');
    process.exit(1);
  }
  // The hub's own key, never a new one: a token signed with another key is refused by that hub.
  const key = await loadDevIssuerKey(settings.DATA_DIR);
  if (!key) {
    process.stderr.write(`No development issuer key in ${path.resolve(settings.DATA_DIR)}: start the hub once (npm start) with this DATA_DIR, or set DATA_DIR to the hub's.\n`);
    process.exit(1);
  }
  const ttlSeconds = Number(values.ttl);
  const token = await mintDevToken(key, {
    subject: values.sub,
    roles: roles.filter(isRole),
    audience: settings.OIDC_AUDIENCE,
    partnerId: values.partner,
    ttlSeconds: Number.isFinite(ttlSeconds) && ttlSeconds > 0 ? ttlSeconds : 3600,
  });
  process.stdout.write(token + '\n');
}

void main();
