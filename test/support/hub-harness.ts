import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { sign as cryptoSign } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { DEV_ISSUER, loadOrCreateDevIssuerKey, mintDevToken, type DevIssuerKey } from '../../src/auth/dev-issuer.js';
import type { Role } from '../../src/access/roles.js';
import { loadSettings, type Settings } from '../../src/config/settings.js';
import { ensureHubRoles } from '../../src/database/database-roles.js';
import { readOrCreateSecret } from '../../src/database/embedded-postgres.js';
import { createHub } from '../../src/hub.js';
import type { S3Connection } from '../../src/storage/minio-object-store.js';
import { TEST_ENV } from './test-infrastructure.js';

export interface HubResponse<Body = any> {
  status: number;
  headers: Headers;
  body: Body;
  text: string;
}

/** A hub listening on a free loopback port, on the run's real PostgreSQL and S3 store. */
export class TestHub {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly baseUrl: string,
    readonly settings: Settings,
    private readonly issuerKey: DevIssuerKey,
  ) {}

  static async start(options: { env?: Record<string, string>; s3?: S3Connection; databaseUrl?: string } = {}): Promise<TestHub> {
    const databaseUrl = options.databaseUrl ?? requireEnv(TEST_ENV.databaseUrl);
    refuseNonTestDatabase(databaseUrl);
    const settings = loadSettings({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATA_DIR: requireEnv(TEST_ENV.dataDir),
      DATABASE_POOL_SIZE: '4',
      // The docs page's assets come from @fastify/static, which needs require(esm): Jest's loader has none.
      // test/e2e/hub-process.e2e.test.ts tests the page on a hub started as `npm start` starts it.
      OPENAPI_UI: 'false',
      CONSOLE_UI: 'false',
      // Reports are generated on schedule only where a test asks for it (test/e2e/reports.e2e.test.ts).
      REPORTS_SCHEDULER: 'false',
      // Overdue corrections are chased only where a test asks for it (test/e2e/corrections.e2e.test.ts).
      CORRECTIONS_CHASER: 'false',
      ...options.env,
    });
    const s3 = options.s3 ?? {
      endpoint: requireEnv(TEST_ENV.s3Endpoint),
      accessKey: 'S3RVER',
      secretKey: 'S3RVER',
      bucket: requireEnv(TEST_ENV.s3Bucket),
      region: 'us-east-1',
    };
    // As `npm start` runs: migrations as the schema owner, the hub as a role that owns nothing (src/database/database-roles.ts).
    const roles = await ensureHubRoles(databaseUrl, {
      owner: await readOrCreateSecret(path.join(settings.DATA_DIR, 'pg-owner-password')),
      hub: await readOrCreateSecret(path.join(settings.DATA_DIR, 'pg-hub-password')),
    });
    const app = await createHub(settings, { databaseUrl: roles.hubUrl, migrationUrl: roles.ownerUrl, s3 });
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const issuerKey = await loadOrCreateDevIssuerKey(settings.DATA_DIR);
    return new TestHub(app, `http://127.0.0.1:${port}`, settings, issuerKey);
  }

  /** The kid of the development issuer's key (derived from the key). */
  get devIssuerKid(): string {
    return this.issuerKey.kid;
  }

  token(role: Role, subject = `${role}-tester`, extra: { partnerId?: string; ttlSeconds?: number; audience?: string } = {}): Promise<string> {
    return mintDevToken(this.issuerKey, {
      subject,
      roles: [role],
      audience: extra.audience ?? this.settings.OIDC_AUDIENCE,
      partnerId: extra.partnerId,
      ttlSeconds: extra.ttlSeconds,
    });
  }

  /**
   * A token of the development issuer with a hand-made header and payload (a string is sent
   * as it is, e.g. with a repeated claim), signed with the issuer's real key: to prove that
   * the hub refuses a well-signed token its policy does not allow.
   */
  craftToken(header: Record<string, unknown>, payload: Record<string, unknown> | string): string {
    const encode = (text: string): string => Buffer.from(text).toString('base64url');
    const claims = typeof payload === 'string' ? payload : JSON.stringify({ iss: DEV_ISSUER, aud: this.settings.OIDC_AUDIENCE, sub: 'crafted', roles: ['staff'], ...payload });
    const input = `${encode(JSON.stringify({ alg: 'ES256', kid: this.issuerKey.kid, typ: 'JWT', ...header }))}.${encode(claims)}`;
    return `${input}.${cryptoSign('sha256', Buffer.from(input), { key: this.issuerKey.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
  }

  /** An HTTP request over a real socket; JSON bodies are sent as JSON, strings as they are. */
  async request<Body = any>(
    method: string,
    path: string,
    options: { token?: string; json?: unknown; body?: string; headers?: Record<string, string> } = {},
  ): Promise<HubResponse<Body>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(this.baseUrl + path, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    if (/json/.test(response.headers.get('content-type') ?? '') && text) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as Body, text };
  }

  async stop(): Promise<void> {
    await this.app.close();
  }
}

/** Direct SQL on the test database, to assert what was (and was not) written. */
export class TestDatabase {
  private constructor(private readonly pool: pg.Pool) {}

  /**
   * A database of its own for a test file whose hubs run the delivery worker, so
   * that no other file's hub claims its outbox messages. Migrated by the first hub.
   */
  static async createIsolated(label: string): Promise<string> {
    const shared = new URL(requireEnv(TEST_ENV.databaseUrl));
    const name = `ocx_test_${label.replace(/[^a-z0-9]/g, '_')}_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: shared.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    shared.pathname = `/${name}`;
    return shared.toString();
  }

  static open(url = requireEnv(TEST_ENV.databaseUrl)): TestDatabase {
    refuseNonTestDatabase(url);
    return new TestDatabase(new pg.Pool({ connectionString: url, max: 1 }));
  }

  async query<Row extends pg.QueryResultRow = any>(sql: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.pool.query<Row>(sql, params)).rows;
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: e2e tests run under the Jest global setup (npm test)`);
  return value;
}

/** The harness never touches a database whose name does not say it is for tests. */
function refuseNonTestDatabase(url: string): void {
  const name = new URL(url).pathname.slice(1);
  if (!name.includes('test')) throw new Error(`Refusing to run tests against database "${name}": its name must contain "test".`);
}
