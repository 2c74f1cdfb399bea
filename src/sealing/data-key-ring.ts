import { hkdfSync, randomBytes } from 'node:crypto';
import { CURRENT_GRAM_SCHEME, GRAM_SCHEMES, gramsOfNeedle, hashGrams, hashTextGrams, type GramScheme } from './search-grams.js';
import { isSealed, newKid, openValue, sealValue, sealedKid } from './sealed-value.js';
import { ADD_DATA_KEY, ADD_FIRST_DATA_KEY, DATA_KEYS, LOCK_DATA_KEYS, NOTIFY_DATA_KEYS } from './sealing.sql.js';

/** Runs one statement and returns its rows: a TypeORM DataSource's or a pg client's query, adapted. */
export type RunQuery = (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

/** Runs steps in one transaction (a TypeORM DataSource's, or BEGIN/COMMIT on a pg client). */
export type Transact = <T>(steps: (run: RunQuery) => Promise<T>) => Promise<T>;

interface DataKey {
  /** Seals and opens values. */
  sealing: Buffer;
  /** Hash search grams, one key per scheme (derived: the same bytes never serve two purposes). */
  search: Record<GramScheme, Buffer>;
}

/** The master key's version in a wrapped data key (a sealed value under the key-encryption key). */
const WRAPPING_KID = 'm1';

/** Search grams under one data key's search key. */
export interface SearchGrams {
  kid: string;
  scheme: GramScheme;
  grams: number[];
}

/**
 * The data keys that seal personal data at rest (envelope encryption, AES-256-GCM). Each
 * data key is 32 random bytes, stored only wrapped under a key-encryption key derived from
 * the master key; values carry the id of the key they are sealed under, so several keys
 * can be in use at once while `npm run pii:rekey` moves values to a new one. New values
 * are sealed under the newest key this process knows; a value under a key it does not
 * know yet makes it read the keys again.
 */
export class DataKeyRing {
  private readonly keyEncryptionKey: Buffer;
  private keys = new Map<string, DataKey>();
  private current = '';
  private reloading?: Promise<void>;

  constructor(
    private readonly run: RunQuery,
    masterKey: Buffer,
  ) {
    this.keyEncryptionKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'ocx data key wrapping v1', 32));
  }

  /** Reads the data keys, making the first one when there is none. */
  async start(transact: Transact): Promise<void> {
    await this.reload();
    if (this.keys.size > 0) return;
    const kid = newKid(new Date());
    const wrapped = this.wrap(kid, randomBytes(32));
    await transact(async (run) => {
      await run(LOCK_DATA_KEYS);
      await run(ADD_FIRST_DATA_KEY, [kid, wrapped]);
    });
    await this.reload();
    if (this.keys.size === 0) throw new Error('no data key could be made');
  }

  /** Reads the data keys again (one read at a time; callers meanwhile share it). */
  reload(): Promise<void> {
    this.reloading ??= this.read().finally(() => {
      this.reloading = undefined;
    });
    return this.reloading;
  }

  /** Adds a new data key, which becomes current here at once and in every hub when its notification arrives. */
  async addKey(now: Date): Promise<string> {
    const kid = newKid(now);
    await this.run(ADD_DATA_KEY, [kid, this.wrap(kid, randomBytes(32))]);
    await this.run(NOTIFY_DATA_KEYS, [kid]);
    await this.reload();
    return kid;
  }

  get currentKid(): string {
    return this.current;
  }

  get knownKids(): string[] {
    return [...this.keys.keys()];
  }

  /** Seals a value for the place `context` names (e.g. `complaint.personal_data:<id>`). */
  seal(context: string, plaintext: string): string {
    return sealValue(this.key(this.current).sealing, this.current, context, plaintext);
  }

  async open(context: string, sealed: string): Promise<string> {
    const kid = sealedKid(sealed);
    if (!this.keys.has(kid)) await this.reload();
    if (!this.keys.has(kid)) throw new Error(`the value is sealed under data key ${kid}, which is not in data_key: wrong database or master key?`);
    return openValue(this.key(kid).sealing, sealed, context).toString('utf8');
  }

  /** A stored document: sealed, or written before sealing (a compact JWS or JSON text, returned as it is). */
  openDocument(context: string, stored: string): Promise<string> {
    return isSealed(stored) ? this.open(context, stored) : Promise.resolve(stored);
  }

  /** True when the value is sealed under the current key (nothing to re-seal). */
  isCurrent(stored: string | null): boolean {
    return stored !== null && isSealed(stored) && sealedKid(stored) === this.current;
  }

  /** The search grams of a text (normalised for search), under the current key (and an older scheme only to show how rows were indexed before). */
  searchGrams(text: string, scheme: GramScheme = CURRENT_GRAM_SCHEME): SearchGrams {
    return { kid: this.current, scheme, grams: hashTextGrams(this.key(this.current).search[scheme], text, scheme) };
  }

  /** What a row must hold to contain the needle (normalised), under each key and scheme a row may be indexed with. */
  needleGrams(needle: string): SearchGrams[] {
    const grams = gramsOfNeedle(needle);
    return [...this.keys].flatMap(([kid, key]) => GRAM_SCHEMES.map((scheme) => ({ kid, scheme, grams: hashGrams(key.search[scheme], grams, scheme) })));
  }

  private key(kid: string): DataKey {
    const key = this.keys.get(kid);
    if (!key) throw new Error(`data key ${kid} is not loaded`);
    return key;
  }

  private async read(): Promise<void> {
    const rows = (await this.run(DATA_KEYS)) as Array<{ kid: string; wrapped: string }>;
    const keys = new Map<string, DataKey>();
    for (const row of rows) {
      let bytes: Buffer;
      try {
        bytes = openValue(this.keyEncryptionKey, row.wrapped, `data_key:${row.kid}`);
      } catch (error) {
        throw new Error(`cannot unwrap data key ${row.kid}: wrong SIGNING_MASTER_KEY?`, { cause: error });
      }
      keys.set(row.kid, {
        sealing: bytes,
        search: {
          1: Buffer.from(hkdfSync('sha256', bytes, Buffer.alloc(0), 'ocx search grams v1', 32)),
          2: Buffer.from(hkdfSync('sha256', bytes, Buffer.alloc(0), 'ocx search grams v2 aes-256', 32)),
        },
      });
    }
    this.keys = keys;
    this.current = rows.at(-1)?.kid ?? '';
  }

  private wrap(kid: string, dataKey: Buffer): string {
    return sealValue(this.keyEncryptionKey, WRAPPING_KID, `data_key:${kid}`, dataKey);
  }
}
