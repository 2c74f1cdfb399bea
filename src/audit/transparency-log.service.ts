import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  appendLeaves, encodeEntryBundle, leafHash, openNote, parseCheckpoint, parseVerifierKey, splitNote, TILE_WIDTH, TiledTree, verifierKey, NoteError,
  type NoteKey, type TreeEdge,
} from '@ocx/transparency-log';
import { createPublicKey } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Principal } from '../access/roles.js';
import { Clock } from '../common/clock.js';
import { Settings } from '../config/settings.js';
import { HubKeyStore } from '../signing/hub-key-store.service.js';
import { AuditError } from './audit.errors.js';
import {
  ADVANCE_WITNESS, ANY_ENTRY_BY_DOCUMENT, CHECKPOINT_AT, CHECKPOINT_ROOTS, CHECKPOINTS_BELOW, COSIGNATURES_OF, ENTRIES_BY_INDEX, ENTRY_AT_INDEX, ENTRY_BY_DOCUMENT, INSERT_COSIGNATURE, LATEST_CHECKPOINT, READ_TILE, READ_TREE,
  SEQUENCER_BACKLOG, UPSERT_WITNESS, WITNESS_FOR_UPDATE, WITNESSES,
} from './audit.sql.js';
import { entryBytesOf, type EntryRow } from './log-rows.js';

interface CheckpointRow {
  tree_size: string;
  root_hash: Buffer;
  note: string;
  kid: string;
  signed_at: Date;
}

export interface CheckpointSummary {
  treeSize: number;
  rootHash: string;
  kid: string;
  signedAt: string;
  /** The signed note, with the witnesses' cosignatures. */
  note: string;
}

export interface InclusionAnswer {
  index: number;
  treeSize: number;
  entry: string;
  leafHash: string;
  proof: string[];
  checkpoint: string;
}

export interface WitnessSummary {
  name: string;
  verifierKey: string;
  lastSize: number;
  addedBy: string;
  addedAt: string;
}

export type LogCheck =
  | { intact: true; treeSize: number; rootHash: string; checkpoints: number; unsequenced: number; oldestUnsequencedAt: string | null }
  | { intact: false; problem: string; leafIndex?: number; unsequenced: number };

/**
 * What the audit log publishes (checkpoints, tiles, entry bundles), the proofs it hands out, and the witnesses who
 * cosign it. Reads only: the sequencer (log-sequencer.ts) writes the tree.
 */
@Injectable()
export class TransparencyLog {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: Settings,
    private readonly keys: HubKeyStore,
    private readonly clock: Clock,
  ) {}

  get origin(): string {
    return this.settings.AUDIT_LOG_ORIGIN;
  }

  /** A hub signing key (its public JWK) as checkpoints name it: a C2SP verifier key under the log's origin. */
  verifierKeyOf(publicJwk: object): string {
    return verifierKey({ name: this.origin, key: createPublicKey({ key: publicJwk as never, format: 'jwk' }) });
  }

  /** Every key the hub has signed checkpoints with, as verifier key strings (retired ones too: old checkpoints stay verifiable). */
  async verifierKeys(): Promise<string[]> {
    return (await this.keys.list()).map((key) => this.verifierKeyOf(key.publicJwk));
  }

  private async noteKeys(): Promise<NoteKey[]> {
    return (await this.verifierKeys()).map(parseVerifierKey);
  }

  /** The latest signed checkpoint with its cosignatures; undefined before the sequencer's first round. */
  async latestCheckpoint(): Promise<string | undefined> {
    const [row] = (await this.dataSource.query(LATEST_CHECKPOINT)) as CheckpointRow[];
    return row ? this.withCosignatures(row) : undefined;
  }

  async checkpointAt(treeSize: number): Promise<string> {
    return this.withCosignatures(await this.checkpointRow(treeSize));
  }

  private async checkpointRow(treeSize: number): Promise<CheckpointRow> {
    const [row] = Number.isSafeInteger(treeSize) && treeSize >= 0 ? ((await this.dataSource.query(CHECKPOINT_AT, [treeSize])) as CheckpointRow[]) : [];
    if (!row) throw new AuditError('LOG_CHECKPOINT_NOT_FOUND', `The hub signed no checkpoint of size ${treeSize}. GET /v1/audit/log/checkpoints lists those it signed.`);
    return row;
  }

  private async withCosignatures(row: CheckpointRow): Promise<string> {
    return (await this.notesWithCosignatures([row]))[0]!;
  }

  /** Each checkpoint's note followed by its cosignature lines, for any number of checkpoints in one query. */
  private async notesWithCosignatures(rows: readonly CheckpointRow[]): Promise<string[]> {
    if (rows.length === 0) return [];
    const cosignatures = (await this.dataSource.query(COSIGNATURES_OF, [rows.map((row) => row.tree_size)])) as Array<{ tree_size: string; signature_line: string }>;
    return rows.map((row) => row.note + cosignatures.filter((cosignature) => cosignature.tree_size === row.tree_size).map((cosignature) => `${cosignature.signature_line}\n`).join(''));
  }

  /** Checkpoints newest first, a page at a time (cursor: the tree size of the last one served). */
  async checkpoints(before: number | undefined, limit: number): Promise<{ checkpoints: CheckpointSummary[]; nextCursor: string | null }> {
    const rows = (await this.dataSource.query(CHECKPOINTS_BELOW, [Math.min(before ?? Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER), limit + 1])) as CheckpointRow[];
    const page = rows.slice(0, limit);
    const notes = await this.notesWithCosignatures(page);
    const checkpoints = page.map((row, index) => ({
      treeSize: Number(row.tree_size), rootHash: row.root_hash.toString('base64'), kid: row.kid, signedAt: row.signed_at.toISOString(), note: notes[index]!,
    }));
    return { checkpoints, nextCursor: rows.length > limit ? String(page.at(-1)!.tree_size) : null };
  }

  /** A hash tile as tlog-tiles serves it: `width` hashes, available once the tree has them. */
  async tile(level: number, index: number, width: number): Promise<Buffer> {
    const [row] = (await this.dataSource.query(READ_TILE, [level, index])) as Array<{ hashes: Buffer }>;
    if (!row || row.hashes.length < width * 32) throw new AuditError('LOG_TILE_NOT_FOUND', `The log has no tile ${level}/${index} of width ${width} yet.`);
    return row.hashes.subarray(0, width * 32);
  }

  /** An entry bundle: the entries with indexes [index·256, index·256 + width). */
  async entryBundle(index: number, width: number): Promise<Buffer> {
    const rows = (await this.dataSource.query(ENTRIES_BY_INDEX, [index * TILE_WIDTH, index * TILE_WIDTH + width])) as EntryRow[];
    if (rows.length < width) throw new AuditError('LOG_TILE_NOT_FOUND', `The log has no entry bundle ${index} of width ${width} yet.`);
    return encodeEntryBundle(rows.map(entryBytesOf));
  }

  /**
   * That one entry is in the log: the entry, its index and the RFC 6962 audit path against a signed checkpoint (the
   * latest, or `treeSize`'s). A partner is answered only for entries that name it; any other entry is "not found".
   */
  async inclusion(find: { index?: number; documentSha256?: string }, treeSize: number | undefined, who: Principal): Promise<InclusionAnswer> {
    const checkpoint = treeSize === undefined ? ((await this.dataSource.query(LATEST_CHECKPOINT)) as CheckpointRow[])[0] : await this.checkpointRow(treeSize);
    const size = checkpoint ? Number(checkpoint.tree_size) : 0;
    const [row] = find.documentSha256 !== undefined
      ? ((await this.dataSource.query(ENTRY_BY_DOCUMENT, [find.documentSha256.toLowerCase(), size])) as EntryRow[])
      : ((await this.dataSource.query(ENTRY_AT_INDEX, [find.index!])) as EntryRow[]);
    const what = find.documentSha256 !== undefined ? `naming document ${find.documentSha256}` : `at index ${find.index}`;
    const visible = row && (!who.roles.includes('partner') || who.roles.includes('auditor') || row.partner_id === who.partnerId);
    if (!visible) {
      if (find.documentSha256 !== undefined) await this.refuseIfOnlyPending(find.documentSha256, who);
      throw new AuditError('LOG_ENTRY_NOT_FOUND', `No entry ${what} is in the log${who.roles.includes('partner') ? ' for you' : ''}.`);
    }
    const index = Number(row.leaf_index);
    if (!checkpoint || index >= size) {
      throw new AuditError('LOG_ENTRY_NOT_CHECKPOINTED', `The entry ${what} is logged but not yet under a signed checkpoint; one is signed within ${this.settings.AUDIT_CHECKPOINT_EVERY_SECONDS} s.`, { retryAfterSeconds: this.settings.AUDIT_CHECKPOINT_EVERY_SECONDS });
    }
    const tree = new TiledTree(size, (level, tileIndex, width) => this.tile(level, tileIndex, width));
    const entry = entryBytesOf(row);
    const proof = await tree.inclusionProof(index);
    return {
      index, treeSize: size, entry: entry.toString('utf8'), leafHash: leafHash(entry).toString('base64'), proof: proof.map((hash) => hash.toString('base64')),
      checkpoint: await this.withCosignatures(checkpoint),
    };
  }

  /** An entry naming the document exists but is beyond the checkpoint: say so rather than "not found". */
  private async refuseIfOnlyPending(documentSha256: string, who: Principal): Promise<void> {
    const [row] = (await this.dataSource.query(ANY_ENTRY_BY_DOCUMENT, [documentSha256.toLowerCase()])) as EntryRow[];
    if (row && (!who.roles.includes('partner') || row.partner_id === who.partnerId)) {
      throw new AuditError('LOG_ENTRY_NOT_CHECKPOINTED', `The entry naming document ${documentSha256} is logged but not yet under a signed checkpoint; one is signed within ${this.settings.AUDIT_CHECKPOINT_EVERY_SECONDS} s.`, { retryAfterSeconds: this.settings.AUDIT_CHECKPOINT_EVERY_SECONDS });
    }
  }

  /** RFC 6962 consistency proof between two tree sizes, both within the sequenced tree. */
  async consistency(first: number, second: number): Promise<{ first: number; second: number; proof: string[] }> {
    const [tree] = (await this.dataSource.query(READ_TREE)) as Array<{ size: string }>;
    const size = Number(tree!.size);
    if (first > second || second > size) throw new AuditError('LOG_PROOF_INVALID', `A consistency proof goes from a smaller tree to a larger one within the log (${size} entries); ${first} to ${second} is not one.`);
    const proof = await new TiledTree(second, (level, index, width) => this.tile(level, index, width)).consistencyProof(first, second);
    return { first, second, proof: proof.map((hash) => hash.toString('base64')) };
  }

  async witnesses(): Promise<WitnessSummary[]> {
    const rows = (await this.dataSource.query(WITNESSES)) as Array<{ name: string; verifier_key: string; last_size: string; added_by: string; added_at: Date }>;
    return rows.map((row) => ({ name: row.name, verifierKey: row.verifier_key, lastSize: Number(row.last_size), addedBy: row.added_by, addedAt: row.added_at.toISOString() }));
  }

  /** Registers (or re-keys) a witness by its verifier key string; the name is the key's. */
  async registerWitness(vkey: string, admin: Principal): Promise<WitnessSummary> {
    let key: NoteKey;
    try {
      key = parseVerifierKey(vkey);
    } catch (error) {
      throw new AuditError('WITNESS_KEY_INVALID', (error as Error).message);
    }
    if (key.name === this.origin) throw new AuditError('WITNESS_KEY_INVALID', `A witness's key cannot carry the log's own name (${this.origin}).`);
    const [row] = (await this.dataSource.query(UPSERT_WITNESS, [key.name, vkey, admin.subject, this.clock.now()])) as Array<{ name: string; verifier_key: string; last_size: string; added_by: string; added_at: Date }>;
    return { name: row!.name, verifierKey: row!.verifier_key, lastSize: Number(row!.last_size), addedBy: row!.added_by, addedAt: row!.added_at.toISOString() };
  }

  /**
   * A witness's cosignature: the checkpoint as the hub served it, with the witness's signature line added. Kept only
   * if the hub signed exactly that tree (409 CHECKPOINT_INCONSISTENT otherwise: the witness was shown another tree)
   * and the witness never cosigned a larger one (409 too: the log cannot go back).
   */
  async addCosignature(note: string): Promise<{ witness: string; treeSize: number; checkpoint: string }> {
    let text: string;
    let lines: string[];
    try {
      ({ text, lines } = splitNote(note));
      openNote(note, await this.noteKeys());
    } catch (error) {
      if (error instanceof NoteError) throw new AuditError('COSIGNED_CHECKPOINT_INVALID', `The body is not a checkpoint this hub signed: ${error.message}.`);
      throw error;
    }
    const checkpoint = parseCheckpoint(text);
    if (checkpoint.origin !== this.origin) throw new AuditError('COSIGNED_CHECKPOINT_INVALID', `The checkpoint is for "${checkpoint.origin}", not this hub's log "${this.origin}".`);
    const witnesses = await this.witnesses();
    const signers = witnesses.map((witness) => parseVerifierKey(witness.verifierKey));
    let signedBy: string[];
    try {
      signedBy = openNote(note, signers).signedBy;
    } catch (error) {
      if (error instanceof NoteError && error.code === 'NO_KNOWN_SIGNATURE') throw new AuditError('WITNESS_UNKNOWN', 'No witness registered with this hub cosigned the checkpoint (an admin registers a witness by its verifier key).');
      if (error instanceof NoteError) throw new AuditError('COSIGNED_CHECKPOINT_INVALID', `A witness's cosignature does not verify: ${error.message}.`);
      throw error;
    }
    const name = signedBy[0]!;
    const line = lines.find((candidate) => candidate.startsWith(`\u2014 ${name} `))!;
    return this.dataSource.transaction(async (manager) => {
      const [stored] = (await manager.query(CHECKPOINT_AT, [checkpoint.size])) as CheckpointRow[];
      if (!stored || !stored.root_hash.equals(checkpoint.rootHash)) {
        throw new AuditError('CHECKPOINT_INCONSISTENT', `This hub never signed a tree of ${checkpoint.size} entries with root ${checkpoint.rootHash.toString('base64')}: the checkpoint you hold is not from this log's history. Keep it: it is evidence.`, { witness: name });
      }
      const [witness] = (await manager.query(WITNESS_FOR_UPDATE, [name])) as Array<{ last_size: string }>;
      if (Number(witness!.last_size) > checkpoint.size) {
        throw new AuditError('CHECKPOINT_INCONSISTENT', `Witness ${name} already cosigned a tree of ${witness!.last_size} entries; a smaller one (${checkpoint.size}) is not accepted.`, { witness: name, lastSize: Number(witness!.last_size) });
      }
      await manager.query(INSERT_COSIGNATURE, [checkpoint.size, name, line, this.clock.now()]);
      await manager.query(ADVANCE_WITNESS, [name, checkpoint.size]);
      return { witness: name, treeSize: checkpoint.size, checkpoint: stored.note };
    });
  }

  /**
   * Recomputes the log from the database: every indexed entry against its leaf in the tiles, the tree against every
   * checkpoint. Names the first entry or checkpoint that does not match.
   */
  async verify(): Promise<LogCheck> {
    const [backlog] = (await this.dataSource.query(SEQUENCER_BACKLOG)) as Array<{ entries: number; oldest: Date | null }>;
    const unsequenced = backlog!.entries;
    const [latest] = (await this.dataSource.query(LATEST_CHECKPOINT)) as CheckpointRow[];
    const size = latest ? Number(latest.tree_size) : 0;
    const checkpoints = ((await this.dataSource.query(CHECKPOINT_ROOTS)) as Array<{ tree_size: string; root_hash: Buffer }>).map((row) => ({ size: Number(row.tree_size), root: row.root_hash }));
    let tree: TreeEdge & { root?: Buffer } = { size: 0, edge: [] };
    let next = 0;
    const tiled = new TiledTree(size, (level, index, width) => this.tile(level, index, width));
    for (let start = 0; start < size; start += TILE_WIDTH * 20) {
      const end = Math.min(size, start + TILE_WIDTH * 20);
      const rows = (await this.dataSource.query(ENTRIES_BY_INDEX, [start, end])) as EntryRow[];
      for (const [offset, row] of rows.entries()) {
        if (Number(row.leaf_index) !== start + offset) return { intact: false, problem: `entry ${start + offset} is missing from the database`, leafIndex: start + offset, unsequenced };
      }
      if (rows.length < end - start) return { intact: false, problem: `entry ${start + rows.length} is missing from the database`, leafIndex: start + rows.length, unsequenced };
      const leaves = rows.map((row) => leafHash(entryBytesOf(row)));
      for (const [offset, leaf] of leaves.entries()) {
        const index = start + offset;
        if (!leaf.equals(await tiled.leafHash(index))) return { intact: false, problem: `entry ${index} (seq ${rows[offset]!.seq}) does not hash to its leaf: it was changed after it was logged`, leafIndex: index, unsequenced };
      }
      // Feed the leaves one checkpoint boundary at a time, and compare each checkpoint's root on the way.
      let position = 0;
      while (position < leaves.length) {
        const boundary = checkpoints.find((checkpoint) => checkpoint.size > next);
        const take = Math.min(leaves.length - position, boundary ? boundary.size - next : leaves.length - position);
        tree = appendLeaves(tree, leaves.slice(position, position + take));
        position += take;
        next += take;
        const reached = checkpoints.find((checkpoint) => checkpoint.size === next);
        if (reached && !tree.root!.equals(reached.root)) return { intact: false, problem: `the entries do not give the root of the checkpoint of size ${next}: the log was rewritten`, unsequenced };
      }
    }
    return {
      intact: true, treeSize: size, rootHash: (latest?.root_hash ?? (await tiled.root())).toString('base64'), checkpoints: checkpoints.length, unsequenced,
      oldestUnsequencedAt: backlog!.oldest ? backlog!.oldest.toISOString() : null,
    };
  }
}
