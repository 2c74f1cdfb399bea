import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { fileTypeFromBuffer } from 'file-type';
import type { Readable } from 'node:stream';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../access/roles.js';
import { ComplaintsService } from '../complaints/complaints.service.js';
import { Settings } from '../config/settings.js';
import type { EvidenceKind } from '../standard/codes.js';
import { ObjectStore } from '../storage/object-store.js';
import { EvidenceItem } from './evidence-item.entity.js';
import { removeOwnSpool, spoolUpload, sweepSpool, UploadTooLargeError } from './evidence-upload.js';
import { EvidenceError } from './evidence.errors.js';
import { ALLOWED_EVIDENCE_TYPES, declaredType, looksLikeMarkup, looksLikeText, nameAgreesWithContent, safeFilename } from './media-types.js';
import { isUuid } from '../common/ids.js';

export interface EvidenceUpload {
  complaintId: string;
  kind: EvidenceKind;
  filename: string;
  declaredLength?: number;
  body: Readable;
}

export interface EvidenceContent {
  item: EvidenceItem;
  stream: Readable;
  range?: { start: number; end: number };
}

/** Hub instances of this process that spool uploads: the last one to stop removes the process's spool folder. */
let spoolingInstances = 0;

/** Evidence files: streamed in, hashed, checked, stored once per content, listed per complaint. */
@Injectable()
export class EvidenceService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(EvidenceService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly complaints: ComplaintsService,
    private readonly store: ObjectStore,
    private readonly settings: Settings,
  ) {}

  async onModuleInit(): Promise<void> {
    spoolingInstances += 1;
    const swept = await sweepSpool();
    if (swept > 0) this.logger.warn(`removed the upload spool of ${swept} hub process(es) that stopped without cleaning up`);
  }

  async onModuleDestroy(): Promise<void> {
    spoolingInstances -= 1;
    if (spoolingInstances === 0) await removeOwnSpool();
  }

  /** Returns the item and whether it is new (an identical file already on this complaint is returned as it is). */
  async upload(upload: EvidenceUpload, staff: Principal): Promise<{ item: EvidenceItem; created: boolean }> {
    await this.complaints.get(upload.complaintId);
    const limit = this.settings.EVIDENCE_MAX_BYTES;
    if (upload.declaredLength !== undefined && upload.declaredLength > limit) {
      upload.body.resume(); // drain what was sent so that the client reads our answer
      throw tooLarge(limit);
    }
    let spooled;
    try {
      spooled = await spoolUpload(upload.body, limit);
    } catch (error) {
      if (error instanceof UploadTooLargeError) throw tooLarge(limit);
      throw error;
    }
    try {
      if (spooled.size === 0) throw new EvidenceError('EVIDENCE_EMPTY', 'The file is empty.');
      const mediaType = await sniff(spooled.head);
      if (!mediaType || !(ALLOWED_EVIDENCE_TYPES as readonly string[]).includes(mediaType)) {
        throw new EvidenceError('EVIDENCE_TYPE_NOT_ALLOWED', `The file's content is ${mediaType ?? 'not a recognised type'}, whatever its name says; evidence may be images, PDF, plain text or audio.`, {
          detected: mediaType ?? null,
          allowed: ALLOWED_EVIDENCE_TYPES,
        });
      }
      if (mediaType === 'text/plain' && looksLikeMarkup(spooled.head)) {
        throw new EvidenceError('EVIDENCE_TYPE_NOT_ALLOWED', 'The file is HTML, SVG or XML, whatever its name says: markup can carry scripts. Send a screenshot or a PDF of it.', {
          detected: 'text/html',
          allowed: ALLOWED_EVIDENCE_TYPES,
        });
      }
      const filename = safeFilename(upload.filename);
      if (!nameAgreesWithContent(filename, mediaType)) {
        throw new EvidenceError('EVIDENCE_TYPE_MISMATCH', `The file is named as ${declaredType(filename)} but its content is ${mediaType}: rename it to what it is, or send the file the name describes.`, {
          detected: mediaType,
          declared: declaredType(filename) ?? null,
        });
      }
      const existing = await this.dataSource.getRepository(EvidenceItem).findOneBy({ complaintId: upload.complaintId, sha256: spooled.sha256 });
      if (existing) return { item: existing, created: false };

      const objectKey = `evidence/sha256/${spooled.sha256}`;
      const alreadyStored = await this.store.stat(objectKey);
      if (!alreadyStored) await this.store.putFile(objectKey, spooled.file, spooled.size, mediaType);
      try {
        const item = this.dataSource.getRepository(EvidenceItem).create({
          complaintId: upload.complaintId,
          kind: upload.kind,
          filename,
          mediaType,
          size: spooled.size,
          sha256: spooled.sha256,
          objectKey,
          uploadedBy: staff.subject,
        });
        // insert() fills in the generated id and time: no need to read the row back.
        await this.dataSource.getRepository(EvidenceItem).insert(item);
        return { item, created: true };
      } catch (error) {
        // The same file uploaded twice at once: the other upload's row stands.
        const raced = await this.dataSource.getRepository(EvidenceItem).findOneBy({ complaintId: upload.complaintId, sha256: spooled.sha256 });
        if (raced) return { item: raced, created: false };
        if (!alreadyStored) await this.removeObjectIfUnused(objectKey);
        throw error;
      }
    } finally {
      await spooled.discard();
    }
  }

  /** Inside a transaction, pass its manager: asking the pool for a second connection while holding one can wait forever. */
  list(complaintId: string, manager: EntityManager = this.dataSource.manager): Promise<EvidenceItem[]> {
    return manager.getRepository(EvidenceItem).find({ where: { complaintId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async get(complaintId: string, evidenceId: string): Promise<EvidenceItem> {
    const item = isUuid(evidenceId) ? await this.dataSource.getRepository(EvidenceItem).findOneBy({ id: evidenceId, complaintId }) : null;
    if (!item) throw new EvidenceError('EVIDENCE_NOT_FOUND', `Complaint ${complaintId} has no evidence ${evidenceId}.`);
    return item;
  }

  /** The bytes, whole or a single range (`bytes=start-end`, RFC 9110 §14). */
  async content(item: EvidenceItem, rangeHeader?: string): Promise<EvidenceContent> {
    const range = rangeHeader ? parseRange(rangeHeader, item.size) : undefined;
    if (range === null) throw new EvidenceError('RANGE_NOT_SATISFIABLE', `The file has ${item.size} bytes; the range ${rangeHeader} is outside it.`, { size: item.size });
    const stream = range ? await this.store.get(item.objectKey, { offset: range.start, length: range.end - range.start + 1 }) : await this.store.get(item.objectKey);
    return { item, stream, ...(range ? { range } : {}) };
  }

  async remove(complaintId: string, evidenceId: string): Promise<void> {
    const complaint = await this.complaints.get(complaintId);
    if (complaint.status !== 'new') throw evidenceLocked();
    const item = await this.get(complaintId, evidenceId);
    await this.dataSource.transaction(async (manager) => {
      // The complaint's row and a new version order this with a dispatch: one that listed this file finds the
      // complaint changed and reads it again; one that committed first leaves the complaint dispatched, and this is refused.
      if (!(await this.complaints.bumpVersionIfNew(manager, complaintId))) throw evidenceLocked();
      await manager.getRepository(EvidenceItem).delete({ id: item.id });
    });
    await this.removeObjectIfUnused(item.objectKey);
  }

  private async removeObjectIfUnused(objectKey: string): Promise<void> {
    const stillUsed = await this.dataSource.getRepository(EvidenceItem).existsBy({ objectKey });
    if (!stillUsed) await this.store.remove(objectKey);
  }
}

async function sniff(head: Buffer): Promise<string | undefined> {
  const detected = await fileTypeFromBuffer(head);
  if (detected) return detected.mime;
  if (isMp3(head)) return 'audio/mpeg';
  return looksLikeText(head) ? 'text/plain' : undefined;
}

/** file-type recognises MP3 by frame sync only with enough frames; an ID3 tag is the common start of a call recording. */
function isMp3(head: Buffer): boolean {
  return head.subarray(0, 3).toString('latin1') === 'ID3' || (head.length > 1 && head[0] === 0xff && (head[1]! & 0xe0) === 0xe0);
}

function evidenceLocked(): EvidenceError {
  return new EvidenceError('EVIDENCE_LOCKED', 'The complaint has been dispatched: its evidence is part of signed referrals and stays.');
}

function tooLarge(limit: number): EvidenceError {
  return new EvidenceError('EVIDENCE_TOO_LARGE', `Evidence files may be at most ${limit} bytes (${Math.round(limit / 1024 / 1024)} MB).`, { limit });
}

/** A single `bytes=` range, or undefined for none; null when it cannot be satisfied. */
export function parseRange(header: string, size: number): { start: number; end: number } | undefined | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined; // not a single byte range: serve the whole file
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return null;
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) return null;
  return { start, end };
}
