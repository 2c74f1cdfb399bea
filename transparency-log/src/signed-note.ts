import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * C2SP signed notes (c2sp.org/signed-note) and transparency-log checkpoints
 * (c2sp.org/tlog-checkpoint), with two signature types: ECDSA P-256 (type 0x02, as
 * transparency-dev's witness implements it: key ID = the first four bytes of SHA-256 of the
 * DER SPKI public key; signature = ASN.1 DER ECDSA over SHA-256 of the note text), which the
 * hub signs with, and Ed25519 (type 0x01: key ID = SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key)[:4]),
 * which most witnesses use. Pure: keys come in as KeyObjects, text goes out.
 */

const SIGNATURE_PREFIX = '\u2014 ';
const MAX_SIGNATURES = 16;

export interface NoteKey {
  /** The key name: a schema-less URL, no spaces, no "+". */
  name: string;
  key: KeyObject;
  /**
   * An Ed25519 key signs plain notes (type 0x01) unless it is a witness's cosigner key (type 0x04,
   * c2sp.org/tlog-cosignature: a timestamped signature over `cosignature/v1`, the time and the checkpoint).
   */
  type?: 0x01 | 0x02 | 0x04;
}

export interface Checkpoint {
  /** Names the log uniquely (e.g. `ocx.etda.or.th/audit`). */
  origin: string;
  size: number;
  rootHash: Buffer;
  /** Optional extension lines after the root hash. */
  extensions: string[];
}

export type NoteFailure = 'MALFORMED' | 'NO_KNOWN_SIGNATURE' | 'SIGNATURE_INVALID';

export class NoteError extends Error {
  constructor(
    readonly code: NoteFailure,
    message: string,
  ) {
    super(message);
  }
}

/** key ID = SHA-256(DER SPKI public key)[:4], as signature type 0x02 defines it. */
export function ecdsaKeyId(key: KeyObject): Buffer {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256').update(publicKey.export({ format: 'der', type: 'spki' })).digest().subarray(0, 4);
}

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

function publicOf(key: KeyObject): KeyObject {
  return key.type === 'private' ? createPublicKey(key) : key;
}

function isEd25519(key: KeyObject): boolean {
  return key.asymmetricKeyType === 'ed25519';
}

/** The signature type and the public key bytes a verifier key carries for this key. */
function keyMaterial(key: KeyObject, type?: number): { type: number; material: Buffer } {
  const der = publicOf(key).export({ format: 'der', type: 'spki' });
  if (isEd25519(key)) return { type: type === 0x04 ? 0x04 : 0x01, material: der.subarray(ED25519_SPKI_PREFIX.length) };
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return { type: 0x02, material: der };
  throw new TypeError('a note key is Ed25519 or ECDSA P-256');
}

/** The key ID of a signature line: type 0x01 hashes name and key, type 0x02 the DER key alone. */
export function noteKeyId(signer: NoteKey): Buffer {
  const { type, material } = keyMaterial(signer.key, signer.type);
  if (type === 0x02) return ecdsaKeyId(signer.key);
  return createHash('sha256').update(`${signer.name}\n`).update(Uint8Array.of(type)).update(material).digest().subarray(0, 4);
}

/** The verifier key string `<name>+<hex key ID>+<base64(type ‖ key)>` that people exchange to trust a key. */
export function verifierKey(signer: NoteKey): string {
  checkKeyName(signer.name);
  const { type, material } = keyMaterial(signer.key, signer.type);
  return `${signer.name}+${noteKeyId(signer).toString('hex')}+${Buffer.concat([Uint8Array.of(type), material]).toString('base64')}`;
}

/** Reads a verifier key string; a TypeError says what is wrong with it. */
export function parseVerifierKey(vkey: string): NoteKey {
  const match = /^([^\s+]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/]+={0,2})$/.exec(vkey);
  if (!match) throw new TypeError('a verifier key reads <name>+<8 hex digits>+<base64 key>');
  const [, name, id, encoded] = match as unknown as [string, string, string, string];
  const bytes = Buffer.from(encoded, 'base64');
  let key: KeyObject;
  try {
    if ((bytes[0] === 0x01 || bytes[0] === 0x04) && bytes.length === 33) key = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, bytes.subarray(1)]), format: 'der', type: 'spki' });
    else if (bytes[0] === 0x02) key = createPublicKey({ key: bytes.subarray(1), format: 'der', type: 'spki' });
    else throw new TypeError('unsupported');
  } catch {
    throw new TypeError('a verifier key holds an Ed25519 (type 0x01 or cosigner 0x04) or ECDSA P-256 (type 0x02) public key');
  }
  const parsed: NoteKey = { name, key, type: bytes[0] as 0x01 | 0x02 | 0x04 };
  if (noteKeyId(parsed).toString('hex') !== id) throw new TypeError('the key ID of this verifier key does not match its key');
  return parsed;
}

function signText(text: string, key: KeyObject): Buffer {
  return isEd25519(key) ? sign(null, Buffer.from(text, 'utf8'), key) : sign('sha256', Buffer.from(text, 'utf8'), { key, dsaEncoding: 'der' });
}

function verifyText(text: string, key: KeyObject, signature: Buffer): boolean {
  try {
    const publicKey = publicOf(key);
    return isEd25519(key) ? verify(null, Buffer.from(text, 'utf8'), publicKey, signature) : verify('sha256', Buffer.from(text, 'utf8'), { key: publicKey, dsaEncoding: 'der' }, signature);
  } catch {
    return false; // not a signature of this type at all
  }
}

function checkKeyName(name: string): void {
  if (!name || /[\s+]/u.test(name)) throw new TypeError(`"${name}" is not a note key name (non-empty, no spaces, no "+")`);
}

function checkText(text: string): void {
  if (!text.endsWith('\n')) throw new TypeError('a note text ends with a newline');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f]/.test(text)) throw new TypeError('a note text has no control characters but newlines');
}

/** Signs a note text (ECDSA P-256 or Ed25519, by the key): the text, a blank line, the signature line. */
export function signNote(text: string, signer: NoteKey): string {
  checkKeyName(signer.name);
  checkText(text);
  return `${text}\n${signatureLine(text, signer)}\n`;
}

/** One signature line (without its newline) over a note text; a cosigner's is timestamped (`at`, default now). */
export function signatureLine(text: string, signer: NoteKey, at: Date = new Date()): string {
  let signature: Buffer;
  if (signer.type === 0x04) {
    const timestamp = BigInt(Math.floor(at.getTime() / 1000));
    const stamp = Buffer.alloc(8);
    stamp.writeBigUInt64BE(timestamp);
    signature = Buffer.concat([stamp, sign(null, Buffer.from(cosignedMessage(text, timestamp), 'utf8'), signer.key)]);
  } else signature = signText(text, signer.key);
  return `${SIGNATURE_PREFIX}${signer.name} ${Buffer.concat([noteKeyId(signer), signature]).toString('base64')}`;
}

/** What a cosignature/v1 signs: the header line, the time line, the whole checkpoint text. */
function cosignedMessage(text: string, timestamp: bigint): string {
  return `cosignature/v1\ntime ${timestamp}\n${text}`;
}

function verifyCosignature(text: string, key: KeyObject, signature: Buffer): boolean {
  if (signature.length !== 8 + 64) return false;
  const timestamp = signature.readBigUInt64BE(0);
  if (timestamp > 2n ** 63n - 1n) return false;
  return verifyText(cosignedMessage(text, timestamp), key, signature.subarray(8));
}

/** A cosignature line added to a signed note (a witness's, say): the note with one more signature. */
export function addSignature(note: string, signer: NoteKey): string {
  const { text } = splitNote(note);
  checkKeyName(signer.name);
  return `${note}${signatureLine(text, signer)}\n`;
}

/** A note's text and its signature lines, unverified. */
export function splitNote(note: string): { text: string; lines: string[] } {
  if (typeof note !== 'string' || !note.endsWith('\n')) throw new NoteError('MALFORMED', 'a signed note ends with a newline');
  const separator = note.lastIndexOf('\n\n');
  if (separator < 0) throw new NoteError('MALFORMED', 'a signed note has a blank line between its text and its signatures');
  const text = note.slice(0, separator + 1);
  const lines = note.slice(separator + 2, -1).split('\n');
  if (lines.length === 0 || lines.length > MAX_SIGNATURES) throw new NoteError('MALFORMED', `a signed note carries 1 to ${MAX_SIGNATURES} signatures`);
  return { text, lines };
}

/**
 * Opens a signed note with the keys the verifier trusts. Signatures by unknown keys (name and
 * key ID not both known) are ignored; a known key's signature that fails rejects the note, and
 * so does a note no known key signed. Returns the text and the names of the keys that signed it.
 */
export function openNote(note: string, trusted: readonly NoteKey[]): { text: string; signedBy: string[] } {
  const { text, lines } = splitNote(note);
  try {
    checkText(text);
  } catch (error) {
    throw new NoteError('MALFORMED', (error as Error).message);
  }
  const signedBy: string[] = [];
  for (const line of lines) {
    const match = /^\u2014 (\S+) ([A-Za-z0-9+/]+={0,2})$/u.exec(line);
    if (!match) throw new NoteError('MALFORMED', `not a signature line: ${JSON.stringify(line.slice(0, 80))}`);
    const [, name, encoded] = match as unknown as [string, string, string];
    const bytes = Buffer.from(encoded, 'base64');
    if (bytes.length < 5) throw new NoteError('MALFORMED', `the signature of ${name} is too short`);
    const known = trusted.find((candidate) => candidate.name === name && noteKeyId(candidate).equals(bytes.subarray(0, 4)));
    if (!known) continue;
    const valid = known.type === 0x04 ? verifyCosignature(text, known.key, bytes.subarray(4)) : verifyText(text, known.key, bytes.subarray(4));
    if (!valid) throw new NoteError('SIGNATURE_INVALID', `the signature of ${name} does not verify`);
    signedBy.push(name);
  }
  if (signedBy.length === 0) throw new NoteError('NO_KNOWN_SIGNATURE', 'no key this verifier trusts signed the note');
  return { text, signedBy };
}

/** The checkpoint body: origin, decimal tree size, base64 root hash, extension lines. */
export function checkpointText(checkpoint: Checkpoint): string {
  if (!checkpoint.origin || checkpoint.origin.includes('\n')) throw new TypeError('a checkpoint origin is one non-empty line');
  if (!Number.isSafeInteger(checkpoint.size) || checkpoint.size < 0) throw new TypeError('a checkpoint size is a non-negative integer');
  if (checkpoint.rootHash.length !== 32) throw new TypeError('a checkpoint root hash has 32 bytes');
  return [checkpoint.origin, String(checkpoint.size), checkpoint.rootHash.toString('base64'), ...checkpoint.extensions].join('\n') + '\n';
}

/** Reads a checkpoint body (the text of a verified note): exactly what c2sp.org/tlog-checkpoint allows. */
export function parseCheckpoint(text: string): Checkpoint {
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : [];
  const [origin, size, root, ...extensions] = lines;
  if (!origin || size === undefined || root === undefined) throw new NoteError('MALFORMED', 'a checkpoint has an origin, a size and a root hash, one per line');
  if (!/^(0|[1-9][0-9]*)$/.test(size) || !Number.isSafeInteger(Number(size))) throw new NoteError('MALFORMED', `"${size}" is not a tree size`);
  const rootHash = Buffer.from(root, 'base64');
  if (rootHash.length !== 32 || rootHash.toString('base64') !== root) throw new NoteError('MALFORMED', 'the root hash is not 32 bytes in standard base64');
  if (extensions.some((line) => line === '')) throw new NoteError('MALFORMED', 'a checkpoint has no empty lines');
  return { origin, size: Number(size), rootHash, extensions };
}
