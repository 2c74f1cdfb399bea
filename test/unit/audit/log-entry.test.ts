import { describe, expect, it } from '@jest/globals';
import { canonicalJson, logEntryBytes, type AuditRecord } from '../../../src/audit/log-entry.js';

const record = (overrides: Partial<AuditRecord> = {}): AuditRecord => ({
  at: '2026-12-01T02:00:00.000Z', actor: 'partner-a', actorRole: 'partner', action: 'referral.read', subjectType: 'referral',
  subjectId: '0b0e5b8e-0000-4000-8000-000000000001', partnerId: 'partner-a', outcome: 'ok', details: { version: 2, b: 'ข', a: null }, ...overrides,
});

describe('the bytes of an audit entry in the log', () => {
  it('are canonical JSON: members sorted at every level, no white space, Thai as UTF-8', () => {
    expect(logEntryBytes(record()).toString('utf8')).toBe(
      '{"action":"referral.read","actor":"partner-a","actorRole":"partner","at":"2026-12-01T02:00:00.000Z","details":{"a":null,"b":"ข","version":2},"outcome":"ok","partnerId":"partner-a","subjectId":"0b0e5b8e-0000-4000-8000-000000000001","subjectType":"referral"}',
    );
  });

  it('name the document only when the exchange carried one', () => {
    expect(logEntryBytes(record({ documentSha256: 'ab'.repeat(32) })).toString('utf8')).toContain(',"documentSha256":"' + 'ab'.repeat(32) + '","outcome"');
    expect(logEntryBytes(record({ documentSha256: undefined })).equals(logEntryBytes(record()))).toBe(true);
  });

  it('do not depend on the order members were written in', () => {
    expect(canonicalJson({ b: [{ d: 1, c: 2 }], a: 'x' })).toBe('{"a":"x","b":[{"c":2,"d":1}]}');
  });
});
