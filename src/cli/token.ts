import { parseArgs } from 'node:util';
import { loadOrCreateDevIssuerKey, mintDevToken } from '../auth/dev-issuer.js';
import { isRole, ROLES } from '../access/roles.js';
import { loadSettings } from '../config/settings.js';

/** `npm run token -- --role staff --sub somchai [--partner ocpb] [--ttl 3600]`: a token from the local development issuer. */
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
  const key = await loadOrCreateDevIssuerKey(settings.DATA_DIR);
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
