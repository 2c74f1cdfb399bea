import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

// Reads the raw string: implicit conversion would already have turned "false" into true.
const toBoolean = ({ obj, key, value }: { obj: Record<string, unknown>; key: string; value: unknown }): unknown => {
  const raw = obj[key];
  if (typeof raw !== 'string') return value;
  const lowered = raw.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(lowered)) return true;
  if (['false', '0', 'no', 'off', ''].includes(lowered)) return false;
  return raw;
};

const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/**
 * Every setting the hub reads, named as in the environment. This class is the only
 * place that knows about environment variables; the rest of the hub receives a
 * validated `Settings` object.
 */
export class Settings {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsString()
  HOST: string = '127.0.0.1';

  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  /** Folder for embedded PostgreSQL, embedded S3 and development keys. */
  @IsString()
  @MinLength(1)
  DATA_DIR: string = '.data';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /**
   * The schema owner's URL on the same database: migrations run as it, and then grant DATABASE_URL's role the hub's
   * privileges (rows, no schema, no change to audit entries). Absent: DATABASE_URL's role runs the migrations itself.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_MIGRATION_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_MIGRATION_URL?: string;

  /** External PostgreSQL; when absent the hub starts an embedded one under DATA_DIR/pg. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsInt()
  @Min(1)
  @Max(65535)
  EMBEDDED_PG_PORT: number = 54329;

  /**
   * Connections per hub process. A few kept busy serve more than many: each is a
   * PostgreSQL process competing for the same cores (on the 2-core bench machine, 4
   * gave 5–8% less CPU per dispatch than 10; bench/README.md). At least 2: the
   * migration lock holds one while the migrations run on another.
   */
  @IsInt()
  @Min(2)
  @Max(200)
  DATABASE_POOL_SIZE: number = 4;

  /** External S3-compatible store (MinIO, …); when absent the hub starts an embedded one under DATA_DIR/s3. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'S3_ENDPOINT must be an http(s) URL such as http://127.0.0.1:9000' })
  S3_ENDPOINT?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  S3_ACCESS_KEY?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  S3_SECRET_KEY?: string;

  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'S3_BUCKET must be a valid S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)' })
  S3_BUCKET: string = 'ocx-evidence';

  @IsString()
  S3_REGION: string = 'us-east-1';

  /** Multipart part size for uploads, in bytes: an upload holds two parts while it sends them (S3's minimum is 5 MiB). */
  @IsInt()
  @Min(5 * 1024 * 1024)
  @Max(512 * 1024 * 1024)
  S3_PART_SIZE: number = 8 * 1024 * 1024;

  /**
   * How long one call to the object store may take (a request, or one part of an upload) before the hub gives up
   * and answers 503: a store that accepts connections and never answers must not leave requests hanging.
   */
  @IsInt()
  @Min(100)
  @Max(600000)
  S3_TIMEOUT_MS: number = 30000;

  @IsInt()
  @Min(1)
  @Max(65535)
  EMBEDDED_S3_PORT: number = 54330;

  /** Maximum JSON request body, in bytes. */
  @IsInt()
  @Min(1024)
  @Max(50 * 1024 * 1024)
  JSON_BODY_LIMIT: number = 1024 * 1024;

  /** Largest evidence file, in bytes (413 above; checked while streaming). */
  @IsInt()
  @Min(1024)
  @Max(5 * 1024 * 1024 * 1024)
  EVIDENCE_MAX_BYTES: number = 50 * 1024 * 1024;

  /** Issuer of staff, auditor and admin tokens (OpenID Connect). When absent, a local development issuer is used. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true }, { message: 'OIDC_ISSUER must be a URL' })
  OIDC_ISSUER?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true }, { message: 'OIDC_JWKS_URL must be a URL' })
  OIDC_JWKS_URL?: string;

  /** Audience that staff, auditor and admin tokens must carry. */
  @IsString()
  @MinLength(1)
  OIDC_AUDIENCE: string = 'ocx-hub';

  /**
   * The console's client id at the OpenID Connect issuer (a public client: authorization code with PKCE,
   * redirect URI `<hub>/console/`). With OIDC_ISSUER, the console signs people in there.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  CONSOLE_OIDC_CLIENT_ID?: string;

  /**
   * The resource indicator (RFC 8707, an absolute URI) the console asks its access token for, when the
   * issuer needs one to put the hub (OIDC_AUDIENCE) in the token's audience; absent, none is sent.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[a-z][a-z0-9+.-]*:\S+$/i, { message: 'CONSOLE_OIDC_RESOURCE must be an absolute URI' })
  CONSOLE_OIDC_RESOURCE?: string;

  /** Scopes the console asks the OpenID Connect issuer for. */
  @IsString()
  @MinLength(1)
  CONSOLE_OIDC_SCOPE: string = 'openid profile';

  /** Claim of the identity provider's token that lists the hub roles. */
  @IsString()
  @MinLength(1)
  OIDC_ROLES_CLAIM: string = 'roles';

  /** The hub's own name as a token issuer, and the `aud` partners put in their client assertions (RFC 7523). */
  @IsString()
  @MinLength(3)
  HUB_ISSUER: string = 'urn:ocx:hub';

  /** Lifetime of the access tokens the hub issues to partners (at most 15 minutes). */
  @IsInt()
  @Min(60)
  @Max(900)
  ACCESS_TOKEN_TTL_SECONDS: number = 900;

  /** Allow the local development issuer (tokens minted by `npm run token`). Refused in production. */
  @Transform(toBoolean)
  @IsBoolean()
  AUTH_DEV_ISSUER: boolean = true;

  @Transform(toBoolean)
  @IsBoolean()
  OPENAPI_UI: boolean = true;

  /** Serve the 1212 console (console/dist, built by `npm run build`) at /console. */
  @Transform(toBoolean)
  @IsBoolean()
  CONSOLE_UI: boolean = true;

  /**
   * 32 random bytes, base64: encrypts the hub's private signing keys at rest. When absent (not in production)
   * one is generated in DATA_DIR/keys/master.key.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/_-]{43}=?$/, { message: 'SIGNING_MASTER_KEY must be 32 bytes in base64 (e.g. `openssl rand -base64 32`)' })
  SIGNING_MASTER_KEY?: string;

  /**
   * The keys of the matching blind index (HMAC-SHA256 of each normalised identifier), 32 bytes base64 each,
   * comma-separated, oldest first: the index is HMAC(k2, HMAC(k1, identifier)), so a key is rotated by appending
   * one and re-keying the stored hashes (schemas/README.md §2.6). When absent (not in
   * production) a key derived from the master key is used.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/_-]{43}=?(\s*,\s*[A-Za-z0-9+/_-]{43}=?)*$/, { message: 'MATCHING_INDEX_KEYS must be one or more 32-byte keys in base64, comma-separated' })
  MATCHING_INDEX_KEYS?: string;

  /** After rotation, a retired hub key stays in the JWKS (and keeps verifying) this many days. */
  @IsInt()
  @Min(1)
  @Max(3650)
  SIGNING_KEY_RETIRED_DAYS: number = 90;

  /** How often each hub process reloads the signing keys (to pick up a rotation made by another process). */
  @IsInt()
  @Min(1)
  @Max(3600)
  SIGNING_KEY_REFRESH_SECONDS: number = 60;

  /** A signed document's `iat` may differ from the hub's clock by at most this many seconds. */
  @IsInt()
  @Min(10)
  @Max(86400)
  SIGNATURE_MAX_SKEW_SECONDS: number = 300;

  /**
   * Proxies in front of the hub whose X-Forwarded-For it believes, as comma-separated addresses or CIDR ranges
   * (`10.0.0.0/8,192.168.1.7`); empty: none, the client is the address that connected. Rate limits count clients
   * by that address, so a proxy left out makes every client one; one trusted by mistake lets clients name themselves.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^\s*[0-9a-fA-F.:]+(\/\d{1,3})?\s*(,\s*[0-9a-fA-F.:]+(\/\d{1,3})?\s*)*$/, { message: 'TRUSTED_PROXIES must be comma-separated IP addresses or CIDR ranges' })
  TRUSTED_PROXIES?: string;

  /** Public tracking requests allowed per client network (an IPv4 /24, an IPv6 /64) per minute (429 with Retry-After above). */
  @IsInt()
  @Min(1)
  @Max(100000)
  TRACK_RATE_PER_MINUTE: number = 20;

  /**
   * Token requests per minute from one client network (an IPv4 /24, an IPv6 /64), and tokens issued per minute to
   * one partner (429 with Retry-After above). A token lasts ACCESS_TOKEN_TTL_SECONDS: a partner needs a few an hour.
   */
  @IsInt()
  @Min(1)
  @Max(1000000)
  TOKEN_RATE_PER_MINUTE: number = 60;

  /** Requests each partner may make to the partner API per minute (429 with Retry-After above). */
  @IsInt()
  @Min(1)
  @Max(1000000)
  PARTNER_RATE_PER_MINUTE: number = 600;

  /** Partners may keep a complainant's data this many days after a referral (the PDPA retention date they receive). */
  @IsInt()
  @Min(1)
  @Max(3650)
  REFERRAL_RETENTION_DAYS: number = 730;

  /** Delays between push attempts (ms, s, m, h); after the last, the message is dead and staff can redeliver it. */
  @Matches(/^\s*\d+(\.\d+)?(ms|s|m|h)\s*(,\s*\d+(\.\d+)?(ms|s|m|h)\s*)*$/, { message: 'DELIVERY_RETRY_SCHEDULE must be durations like 0s,5s,5m,30m,2h,5h,10h,10h' })
  DELIVERY_RETRY_SCHEDULE: string = '0s,5s,5m,30m,2h,5h,10h,10h';

  /** Run the MatchNotice notifier in this process (several processes may; each due cluster is taken by one). */
  @Transform(toBoolean)
  @IsBoolean()
  MATCHING_NOTIFIER: boolean = true;

  /** How often the notifier looks for clusters whose agencies changed; changes within one interval make one notice per agency. */
  @IsInt()
  @Min(10)
  @Max(60000)
  MATCHING_NOTIFIER_POLL_MS: number = 500;

  /**
   * Lets an admin move this process's clock (`PUT /v1/dev/clock`), for testing deadlines without waiting. Refused
   * when NODE_ENV=production.
   */
  @Transform(toBoolean)
  @IsBoolean()
  CLOCK_CONTROL: boolean = false;

  /** How often the takedown deadline job looks for requests that became overdue. */
  @IsInt()
  @Min(10)
  @Max(600000)
  TAKEDOWN_DEADLINE_POLL_MS: number = 30000;

  /**
   * Re-check content platforms report removed: fetch each such URL after the answer and again on
   * TAKEDOWN_RECHECK_SCHEDULE, through the delivery guard (DELIVERY_ALLOW_HTTP/PRIVATE apply), and record what answers.
   */
  @Transform(toBoolean)
  @IsBoolean()
  TAKEDOWN_RECHECK: boolean = false;

  /** Delays before each re-check: the first after the platform's answer, each next after the one before. */
  @Matches(/^\s*\d+(\.\d+)?(ms|s|m|h)\s*(,\s*\d+(\.\d+)?(ms|s|m|h)\s*)*$/, { message: 'TAKEDOWN_RECHECK_SCHEDULE must be durations like 0s,1h,24h,168h' })
  TAKEDOWN_RECHECK_SCHEDULE: string = '0s,1h,24h,168h';

  @IsInt()
  @Min(10)
  @Max(600000)
  TAKEDOWN_RECHECK_POLL_MS: number = 30000;

  @IsInt()
  @Min(100)
  @Max(60000)
  TAKEDOWN_RECHECK_TIMEOUT_MS: number = 10000;

  /**
   * Addresses for hosts the re-check must reach by a fixed address (`host=address`, comma-separated), as curl's
   * --resolve: a platform checked through its own network path, or a rehearsal on loopback.
   */
  @IsOptional()
  @Matches(/^\s*[a-z0-9.-]+=[0-9a-f.:]+\s*(,\s*[a-z0-9.-]+=[0-9a-f.:]+\s*)*$/i, { message: 'TAKEDOWN_RECHECK_RESOLVE must be host=address pairs, comma-separated' })
  TAKEDOWN_RECHECK_RESOLVE?: string;

  /**
   * The origin line of the audit log's checkpoints: names this hub's log uniquely, as verifiers and witnesses know it
   * (a schema-less URL, e.g. `ocx.etda.or.th/audit`). Also the name of the checkpoint signature's key.
   */
  @Matches(/^[a-z0-9.-]+(:[0-9]+)?(\/[A-Za-z0-9._~-]+)*$/, { message: 'AUDIT_LOG_ORIGIN must be a schema-less URL such as ocx.etda.or.th/audit' })
  AUDIT_LOG_ORIGIN: string = 'localhost/ocx-hub/audit';

  /** Run the audit log's sequencer in this process (several processes may: one sequences at a time). */
  @Transform(toBoolean)
  @IsBoolean()
  AUDIT_SEQUENCER: boolean = true;

  /** How often the sequencer looks for new entries, in ms. */
  @IsInt()
  @Min(10)
  @Max(60000)
  AUDIT_SEQUENCE_POLL_MS: number = 500;

  /** A checkpoint is signed once this many entries were sequenced since the last one… */
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  AUDIT_CHECKPOINT_EVERY_ENTRIES: number = 1000;

  /** …or once this many seconds passed since the last one, when the log grew. */
  @IsInt()
  @Min(1)
  @Max(86400)
  AUDIT_CHECKPOINT_EVERY_SECONDS: number = 60;

  /** Run the push worker in this process (several processes may; they never deliver the same message together). */
  @Transform(toBoolean)
  @IsBoolean()
  DELIVERY_WORKER: boolean = true;

  @IsInt()
  @Min(10)
  @Max(60000)
  DELIVERY_POLL_MS: number = 500;

  @IsInt()
  @Min(100)
  @Max(120000)
  DELIVERY_TIMEOUT_MS: number = 10000;

  /** Pushes one worker has in flight at most, over all partners. */
  @IsInt()
  @Min(1)
  @Max(500)
  DELIVERY_BATCH: number = 20;

  /** Pushes one worker has in flight at most to one partner: a partner whose endpoint hangs holds only these. */
  @IsInt()
  @Min(1)
  @Max(100)
  DELIVERY_PER_ENDPOINT: number = 4;

  /** A partner's pushes pause after this many failed attempts in a row (a 410 Gone pauses them at once); staff resume them. */
  @IsInt()
  @Min(1)
  @Max(10000)
  DELIVERY_PAUSE_AFTER_FAILURES: number = 20;

  /** Allow partner endpoints on private or loopback addresses (development and tests only: SSRF protection). */
  @Transform(toBoolean)
  @IsBoolean()
  DELIVERY_ALLOW_PRIVATE: boolean = false;

  /** Accept plain-http partner endpoints (development only; production endpoints must be https). */
  @Transform(toBoolean)
  @IsBoolean()
  DELIVERY_ALLOW_HTTP: boolean = false;

  /**
   * Generate the owed reports in this process (several processes may: each period's run is claimed by one): a day's
   * after midnight Bangkok time, a week's on Monday, a month's on the 1st, a quarter's and a year's when they end.
   */
  @Transform(toBoolean)
  @IsBoolean()
  REPORTS_SCHEDULER: boolean = true;

  /** How often the scheduler looks for owed reports, in ms. */
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  REPORTS_POLL_MS: number = 60_000;

  /** How long the dashboard keeps a period's figures before it computes them again, in seconds (0: every time). */
  @IsInt()
  @Min(0)
  @Max(3600)
  REPORTS_DASHBOARD_CACHE_SECONDS: number = 30;

  /** How long an agency has to acknowledge a Correction or Retraction, in hours (§2.7); then the hub chases. */
  @IsInt()
  @Min(1)
  @Max(720)
  CORRECTION_ACKNOWLEDGE_HOURS: number = 72;

  /** How often an unacknowledged Correction or Retraction is chased once overdue (sent again), in hours. */
  @IsInt()
  @Min(1)
  @Max(720)
  CORRECTION_CHASE_HOURS: number = 24;

  /** Whether this process chases overdue Corrections and Retractions (every process may: each chase is claimed once). */
  @Transform(toBoolean)
  @IsBoolean()
  CORRECTIONS_CHASER: boolean = true;

  /** How often the chaser looks for overdue Corrections and Retractions, in ms. */
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  CORRECTIONS_POLL_MS: number = 60_000;
}

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid settings:\n  - ${problems.join('\n  - ')}`);
    this.name = 'SettingsError';
  }
}

/** Reads settings from an environment-like record and validates them; throws SettingsError naming each bad setting. */
export function loadSettings(env: Record<string, string | undefined>): Settings {
  const known = Object.keys(new Settings());
  const raw: Record<string, string> = {};
  for (const name of [...known, 'TRUSTED_PROXIES', 'DATABASE_URL', 'DATABASE_MIGRATION_URL', 'S3_ENDPOINT', 'S3_ACCESS_KEY', 'S3_SECRET_KEY', 'OIDC_ISSUER', 'OIDC_JWKS_URL', 'CONSOLE_OIDC_CLIENT_ID', 'CONSOLE_OIDC_RESOURCE', 'SIGNING_MASTER_KEY', 'MATCHING_INDEX_KEYS', 'TAKEDOWN_RECHECK_RESOLVE']) {
    const value = env[name];
    if (value !== undefined) raw[name] = value;
  }
  const settings = plainToInstance(Settings, raw, { enableImplicitConversion: true, exposeDefaultValues: true });
  const problems = validateSync(settings, { forbidUnknownValues: false }).flatMap((error) => {
    const shown = isSecret(error.property) ? '(hidden)' : JSON.stringify(raw[error.property]);
    return Object.values(error.constraints ?? {}).map((message) => `${error.property}=${shown}: ${message}`);
  });
  problems.push(...crossFieldProblems(settings));
  if (problems.length > 0) throw new SettingsError(problems);
  return settings;
}

function isSecret(name: string): boolean {
  return /SECRET|PASSWORD|KEY|DATABASE_(MIGRATION_)?URL/.test(name) && name !== 'S3_ACCESS_KEY';
}

function crossFieldProblems(settings: Settings): string[] {
  const problems: string[] = [];
  const s3Parts = [settings.S3_ACCESS_KEY, settings.S3_SECRET_KEY];
  if (settings.S3_ENDPOINT && s3Parts.some((part) => !part)) {
    problems.push('S3_ACCESS_KEY and S3_SECRET_KEY are required when S3_ENDPOINT is set');
  }
  if (!settings.S3_ENDPOINT && s3Parts.some(Boolean)) {
    problems.push('S3_ENDPOINT is required when S3_ACCESS_KEY or S3_SECRET_KEY is set');
  }
  if (settings.DATABASE_MIGRATION_URL && !settings.DATABASE_URL) {
    problems.push('DATABASE_MIGRATION_URL needs DATABASE_URL (the hub\'s own role on the same database)');
  }
  if (settings.CONSOLE_OIDC_CLIENT_ID && !settings.OIDC_ISSUER) {
    problems.push('CONSOLE_OIDC_CLIENT_ID needs OIDC_ISSUER (the issuer the console signs people in at)');
  }
  if (Boolean(settings.OIDC_ISSUER) !== Boolean(settings.OIDC_JWKS_URL)) {
    problems.push('OIDC_ISSUER and OIDC_JWKS_URL must be set together');
  }
  if (settings.NODE_ENV === 'production' && !settings.SIGNING_MASTER_KEY) {
    problems.push('SIGNING_MASTER_KEY is required when NODE_ENV=production (32 random bytes in base64)');
  }
  if (settings.NODE_ENV === 'production' && !settings.MATCHING_INDEX_KEYS) {
    problems.push('MATCHING_INDEX_KEYS is required when NODE_ENV=production (32 random bytes in base64)');
  }
  if (settings.NODE_ENV === 'production' && settings.CLOCK_CONTROL) {
    problems.push('CLOCK_CONTROL must be false when NODE_ENV=production');
  }
  if (settings.NODE_ENV === 'production' && settings.AUTH_DEV_ISSUER) {
    problems.push('AUTH_DEV_ISSUER must be false when NODE_ENV=production (set OIDC_ISSUER and OIDC_JWKS_URL)');
  }
  return problems;
}
