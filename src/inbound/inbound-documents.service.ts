import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, type KeyObject } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { Settings } from '../config/settings.js';
import { PartnersService } from '../partners/partners.service.js';
import { parseCompact, verifySignature } from '../signing/compact-jws.js';
import { SigningError } from '../signing/signing.errors.js';
import { DOCUMENT_KINDS, type DocumentName } from '../standard/codes.js';
import { duplicateMember } from '../standard/i-json.js';
import { ReceivedDocument, type ReceivedDocumentPurpose } from './received-document.entity.js';
import { SchemaRegistry } from '../standard/schema-registry.js';
import { StandardError } from '../standard/standard.errors.js';
import { InboundError } from './inbound.errors.js';

/** A partner document whose signature, time and schema have been checked; not yet stored. */
export interface VerifiedDocument<Document = Record<string, unknown>> {
  name: DocumentName;
  document: Document;
  documentId: string;
  sender: string;
  kid: string;
  /** RFC 7638 thumbprint of the key that verified it. */
  keyThumbprint: string;
  /**
   * False when the key's material came from this process's cache and its state was not
   * read: the caller's write must then hold `usablePartnerKey(…)` (see `verify`).
   */
  keyStateChecked: boolean;
  jws: string;
}

export interface AcceptedDocument<Document = Record<string, unknown>> {
  document: Document;
  receipt: ReceivedDocument;
  /** True when this exact JWS had been received before: nothing new was stored. */
  replay: boolean;
}

// Members that name the partner a document speaks for.
const SPEAKER_MEMBERS = ['partnerId', 'platform'] as const;

/**
 * Checks a document a partner signed, in the order of schemas/README.md: JWS
 * form and algorithm, document kind, the partner's key, the signature, the
 * signing time, the schema, the speaker, and finally the document id (replay).
 * Nothing is stored unless every check passes.
 */
@Injectable()
export class InboundDocumentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly partners: PartnersService,
    private readonly schemas: SchemaRegistry,
    private readonly settings: Settings,
  ) {}

  /** Verifies and stores in one go (the conformance route). */
  async receive<Document = Record<string, unknown>>(name: DocumentName, jws: string, sender: string, purpose: ReceivedDocumentPurpose): Promise<AcceptedDocument<Document>> {
    const verified = await this.verify<Document>(name, jws, sender);
    return this.dataSource.transaction(async (manager) => ({ ...(await this.store(manager, verified, purpose)), document: verified.document }));
  }

  /**
   * Every check of schemas/README.md §4.4 but the replay check, which needs the store. Stores nothing.
   *
   * With `keyStateInWrite`, a key whose material this process already knows is not
   * read again: the caller promises that the statement recording the document checks
   * that the key is still active (`usablePartnerKey`), and calls `checkKey` to explain
   * a refusal. One round trip less on the busiest partner route, with no delay on revocation.
   */
  async verify<Document = Record<string, unknown>>(name: DocumentName, jws: string, sender: string, options: { keyStateInWrite?: boolean } = {}): Promise<VerifiedDocument<Document>> {
    const kind = DOCUMENT_KINDS[name];
    if (kind.signedBy !== 'partner') {
      const partnerSigned = Object.entries(DOCUMENT_KINDS).filter(([, other]) => other.signedBy === 'partner').map(([other]) => other);
      throw new InboundError('DOCUMENT_KIND_NOT_ACCEPTED', `A ${name} is signed by the hub; partners send ${partnerSigned.join(', ')}.`);
    }
    // Before any parsing or key lookup: a document over its type's cap costs nothing more.
    if (Buffer.byteLength(jws, 'utf8') > kind.maxBytes) {
      throw new InboundError('DOCUMENT_TOO_LARGE', `A ${name} may be at most ${kind.maxBytes} bytes as a compact JWS; this one is ${Buffer.byteLength(jws, 'utf8')}.`, { maxBytes: kind.maxBytes });
    }
    const parsed = parseCompact(jws);
    if (parsed.header.typ !== kind.typ) {
      throw new SigningError('DOCUMENT_TYPE_MISMATCH', `The JWS typ is ${JSON.stringify(parsed.header.typ ?? null)}; a ${name} is signed with typ "${kind.typ}".`);
    }
    const kid = parsed.header.kid;
    if (typeof kid !== 'string' || kid.length === 0) throw new SigningError('JWS_MALFORMED', 'The JWS protected header has no kid.');

    const known = options.keyStateInWrite ? this.partners.knownKeyMaterial(sender, kid) : undefined;
    const key = known ?? (await this.checkKey(sender, kid));
    if (!verifySignature(parsed, key.publicKey)) {
      throw new SigningError('SIGNATURE_INVALID', `The signature does not verify under key "${kid}" of partner "${sender}": the document was altered or signed with another key.`);
    }
    this.checkSigningTime(parsed.header.iat);

    let document: unknown;
    const payload = parsed.payload.toString('utf8');
    try {
      document = JSON.parse(payload);
    } catch {
      throw new SigningError('JWS_MALFORMED', 'The JWS payload is not JSON.');
    }
    const repeated = duplicateMember(payload);
    if (repeated) {
      throw new InboundError('DOCUMENT_MEMBER_REPEATED', `The signed ${name} names ${repeated} twice; a parser that kept the other value would read another document. Sign it with each member once.`, { pointer: repeated });
    }
    const validation = this.schemas.validate(name, document);
    if (!validation.valid) {
      throw new StandardError('DOCUMENT_INVALID', `The ${name} does not validate: ${validation.errors.slice(0, 3).map((e) => e.message).join('; ')}.`, { schema: `/v1/schemas/${name}` }, validation.errors);
    }
    const body = document as Record<string, unknown>;
    for (const member of SPEAKER_MEMBERS) {
      if (member in body && body[member] !== sender) {
        throw new InboundError('DOCUMENT_SIGNER_MISMATCH', `The document's ${member} is "${String(body[member])}" but it was signed and sent by "${sender}".`);
      }
    }
    return { name, document: document as Document, documentId: body.id as string, sender, kid, keyThumbprint: key.thumbprint, keyStateChecked: !known, jws: jws.trim() };
  }

  /** The partner's key, read now; refused when unknown, revoked or expired. */
  async checkKey(sender: string, kid: string): Promise<{ publicKey: KeyObject; thumbprint: string }> {
    const key = await this.partners.findSigningKey(sender, kid);
    if (!key) throw new SigningError('SIGNATURE_KEY_UNKNOWN', `Partner "${sender}" has no registered key "${kid}".`, { kid });
    if (key.revoked) throw new SigningError('SIGNATURE_KEY_REVOKED', `Key "${kid}" of partner "${sender}" is revoked.`, { kid });
    if (key.expiresAt && key.expiresAt.getTime() <= Date.now()) {
      throw new SigningError('SIGNATURE_KEY_REVOKED', `Key "${kid}" of partner "${sender}" expired at ${key.expiresAt.toISOString()}.`, { kid });
    }
    return key;
  }

  private checkSigningTime(iat: unknown): void {
    if (typeof iat !== 'number' || !Number.isInteger(iat)) {
      throw new SigningError('SIGNATURE_TIME_OUT_OF_WINDOW', 'The JWS protected header must carry iat, the signing time in whole seconds since the epoch.');
    }
    const skew = Math.abs(Date.now() / 1000 - iat);
    if (skew > this.settings.SIGNATURE_MAX_SKEW_SECONDS) {
      throw new SigningError(
        'SIGNATURE_TIME_OUT_OF_WINDOW',
        `The document was signed at ${new Date(iat * 1000).toISOString()}, ${Math.round(skew)} s from the hub's clock; at most ${this.settings.SIGNATURE_MAX_SKEW_SECONDS} s is allowed.`,
        { iat, maxSkewSeconds: this.settings.SIGNATURE_MAX_SKEW_SECONDS },
      );
    }
  }

  /** The earlier receipt of this document id from this sender, if any: the same JWS is a replay, another is refused. */
  async earlierReceipt(manager: EntityManager, verified: VerifiedDocument<unknown>, purpose: ReceivedDocumentPurpose): Promise<ReceivedDocument | undefined> {
    const first = await manager.getRepository(ReceivedDocument).findOneBy({ sender: verified.sender, purpose, documentId: verified.documentId });
    if (!first) return undefined;
    if (first.jwsSha256 !== createHash('sha256').update(verified.jws).digest('hex')) {
      throw new InboundError('DOCUMENT_ID_REUSED', `Document id ${verified.documentId} was already received from "${verified.sender}" at ${first.receivedAt.toISOString()} with other content; every document needs a new id.`, { documentId: verified.documentId });
    }
    return first;
  }

  /**
   * Stores the JWS once, inside the caller's transaction; the same JWS again is a
   * harmless repeat (replay: true), another document with the same id is refused.
   */
  async store(manager: EntityManager, verified: VerifiedDocument<unknown>, purpose: ReceivedDocumentPurpose): Promise<Omit<AcceptedDocument, 'document'>> {
    const { name, documentId, kid, sender } = verified;
    const jwsSha256 = createHash('sha256').update(verified.jws).digest('hex');
    // Partners' raw identifiers stay out of the hub: a CaseShare is kept as the hash of what was received.
    const jws = name === 'case-share' ? null : verified.jws;
    const repository = manager.getRepository(ReceivedDocument);
    const inserted = await repository
      .createQueryBuilder()
      .insert()
      .values({ sender, purpose, documentId, documentType: DOCUMENT_KINDS[name].type, kid, jws, jwsSha256 })
      .orIgnore()
      .returning('*')
      .execute();
    if (inserted.raw.length > 0) {
      const row = (inserted.raw as Array<{ id: string; received_at: Date }>)[0]!;
      return { receipt: repository.create({ id: row.id, sender, purpose, documentId, documentType: DOCUMENT_KINDS[name].type, kid, jws, jwsSha256, receivedAt: row.received_at }), replay: false };
    }
    const first = await repository.findOneByOrFail({ sender, purpose, documentId });
    if (first.jwsSha256 !== jwsSha256) {
      throw new InboundError('DOCUMENT_ID_REUSED', `Document id ${documentId} was already received from "${sender}" at ${first.receivedAt.toISOString()} with other content; every document needs a new id.`, { documentId });
    }
    return { receipt: first, replay: true };
  }
}
