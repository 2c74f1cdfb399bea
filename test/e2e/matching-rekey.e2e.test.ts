import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { rekeyMatchingIndex } from '../../src/matching/identifiers/rekey.js';
import { aComplaint, randomDigits } from '../support/complaint-builder.js';
import { TestDatabase, TestHub } from '../support/hub-harness.js';

describe('rotating the blind-index key (schemas/README.md §2.6)', () => {
  let databaseUrl: string;
  const oldKey = randomBytes(32).toString('base64');
  const newKey = randomBytes(32);
  const phone = `08${randomDigits(8)}`;
  let hub: TestHub | undefined;

  beforeAll(async () => {
    databaseUrl = await TestDatabase.createIsolated('rekey');
  });

  afterAll(async () => {
    await hub?.stop();
  });

  async function lookup(running: TestHub, value: string): Promise<string[]> {
    const response = await running.request('POST', '/v1/matches/lookup', { token: await running.token('staff', 'somchai'), json: { type: 'phone', value } });
    expect(response.status).toBe(200);
    return response.body.cases.map((entry: { complaintId: string }) => entry.complaintId);
  }

  it('re-keys the stored hashes without raw values; hubs on the chained keys find and link the old cases', async () => {
    hub = await TestHub.start({ databaseUrl, env: { MATCHING_INDEX_KEYS: oldKey } });
    const staff = await hub.token('staff', 'somchai');
    const first = (await hub.request('POST', '/v1/complaints', { token: staff, json: aComplaint({ subjects: [{ type: 'phone', value: phone }] }) })).body;
    expect(await lookup(hub, phone)).toEqual([first.id]);
    await hub.stop();
    hub = undefined;

    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const before = (await client.query(`SELECT encode(blind_index, 'hex') AS hex FROM match_identifier`)).rows.map((row) => row.hex);
    const result = await rekeyMatchingIndex(client, newKey);
    const after = (await client.query(`SELECT encode(blind_index, 'hex') AS hex FROM match_identifier`)).rows.map((row) => row.hex);
    await client.end();
    expect(result.identifiers).toBe(before.length);
    expect(after.filter((hex) => before.includes(hex))).toEqual([]);

    hub = await TestHub.start({ databaseUrl, env: { MATCHING_INDEX_KEYS: `${oldKey},${newKey.toString('base64')}` } });
    expect(await lookup(hub, `+66 ${phone.slice(1, 3)} ${phone.slice(3, 6)} ${phone.slice(6)}`)).toEqual([first.id]);
    const second = (await hub.request('POST', '/v1/complaints', { token: await hub.token('staff', 'somchai'), json: aComplaint({ subjects: [{ type: 'phone', value: phone }] }) })).body;
    const matches = await hub.request('GET', `/v1/complaints/${second.id}/matches`, { token: await hub.token('staff', 'somchai') });
    expect(matches.body.linked.map((entry: { complaintId: string }) => entry.complaintId)).toEqual([first.id]);
  });
});
