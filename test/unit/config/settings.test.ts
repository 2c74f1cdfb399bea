import { describe, expect, it } from '@jest/globals';
import { loadSettings, SettingsError } from '../../../src/config/settings.js';

const MASTER_KEY = Buffer.alloc(32, 7).toString('base64');

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadSettings(env);
    return [];
  } catch (error) {
    if (error instanceof SettingsError) return error.problems;
    throw error;
  }
}

describe('loadSettings', () => {
  it('runs on embedded defaults with nothing set', () => {
    const settings = loadSettings({});
    expect(settings).toMatchObject({ HOST: '127.0.0.1', PORT: 3000, DATA_DIR: '.data', S3_BUCKET: 'ocx-evidence', AUTH_DEV_ISSUER: true });
    expect(settings.DATABASE_URL).toBeUndefined();
    expect(settings.S3_ENDPOINT).toBeUndefined();
  });

  it('converts numbers and booleans from their environment spelling', () => {
    const settings = loadSettings({ PORT: '8080', DELIVERY_ALLOW_HTTP: 'yes', OPENAPI_UI: '0' });
    expect(settings.PORT).toBe(8080);
    expect(settings.DELIVERY_ALLOW_HTTP).toBe(true);
    expect(settings.OPENAPI_UI).toBe(false);
  });

  it('treats an empty value as unset', () => {
    expect(loadSettings({ DATABASE_URL: '', S3_ENDPOINT: ' ' }).DATABASE_URL).toBeUndefined();
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://db/ocx' }, 'DATABASE_URL'],
    [{ S3_ENDPOINT: 'minio:9000', S3_ACCESS_KEY: 'a', S3_SECRET_KEY: 'b' }, 'S3_ENDPOINT'],
    [{ S3_BUCKET: 'Evidence_Bucket' }, 'S3_BUCKET'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ AUTH_DEV_ISSUER: 'maybe' }, 'AUTH_DEV_ISSUER'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ JSON_BODY_LIMIT: '10' }, 'JSON_BODY_LIMIT'],
    [{ DATABASE_POOL_SIZE: '1' }, 'DATABASE_POOL_SIZE'],
  ])('names the bad setting in %j', (env, name) => {
    const problems = problemsOf(env);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((problem) => problem.includes(name))).toBe(true);
  });

  it('requires the S3 credentials together with an endpoint', () => {
    expect(problemsOf({ S3_ENDPOINT: 'http://minio:9000' })).toEqual(['S3_ACCESS_KEY and S3_SECRET_KEY are required when S3_ENDPOINT is set']);
    expect(problemsOf({ S3_SECRET_KEY: 'x' })).toEqual(['S3_ENDPOINT is required when S3_ACCESS_KEY or S3_SECRET_KEY is set']);
  });

  it('requires the OIDC issuer and its JWKS together', () => {
    expect(problemsOf({ OIDC_ISSUER: 'https://idp.example.go.th' })).toEqual(['OIDC_ISSUER and OIDC_JWKS_URL must be set together']);
  });

  it('refuses the development token issuer in production', () => {
    expect(problemsOf({ NODE_ENV: 'production', SIGNING_MASTER_KEY: MASTER_KEY, MATCHING_INDEX_KEYS: MASTER_KEY })).toEqual([expect.stringContaining('AUTH_DEV_ISSUER must be false')]);
    expect(problemsOf({ NODE_ENV: 'production', SIGNING_MASTER_KEY: MASTER_KEY, MATCHING_INDEX_KEYS: MASTER_KEY, AUTH_DEV_ISSUER: 'false', OIDC_ISSUER: 'https://idp.example.go.th', OIDC_JWKS_URL: 'https://idp.example.go.th/jwks' })).toEqual([]);
  });

  it('requires a master key for the signing keys in production, and never repeats it', () => {
    expect(problemsOf({ NODE_ENV: 'production', AUTH_DEV_ISSUER: 'false', OIDC_ISSUER: 'https://idp.example.go.th', OIDC_JWKS_URL: 'https://idp.example.go.th/jwks' })).toEqual([
      expect.stringContaining('SIGNING_MASTER_KEY is required'),
      expect.stringContaining('MATCHING_INDEX_KEYS is required'),
    ]);
    const problems = problemsOf({ SIGNING_MASTER_KEY: 'too-short-secret' });
    expect(problems).toEqual([expect.stringContaining('SIGNING_MASTER_KEY=(hidden)')]);
    expect(problems.join('')).not.toContain('too-short-secret');
  });

  it('takes one or more blind index keys and never repeats them', () => {
    expect(problemsOf({ MATCHING_INDEX_KEYS: `${MASTER_KEY}, ${Buffer.alloc(32, 9).toString('base64')}` })).toEqual([]);
    const problems = problemsOf({ MATCHING_INDEX_KEYS: 'short-index-key' });
    expect(problems).toEqual([expect.stringContaining('MATCHING_INDEX_KEYS=(hidden)')]);
    expect(problems.join('')).not.toContain('short-index-key');
  });

  it('never repeats a database password in its message', () => {
    const problems = problemsOf({ DATABASE_URL: 'mysql://ocx:hunter2@db/ocx' });
    expect(problems.join('\n')).not.toContain('hunter2');
  });
});
