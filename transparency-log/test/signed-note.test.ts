import { describe, expect, it } from '@jest/globals';
import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { rootOf, leafHash } from '../src/merkle.js';
import { addSignature, checkpointText, ecdsaKeyId, NoteError, openNote, parseCheckpoint, signNote } from '../src/signed-note.js';

const keyPair = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
const log = { name: 'ocx.test/audit', ...keyPair() };
const witness = { name: 'committee.test/witness', ...keyPair() };
const failure = (run: () => unknown): string => {
  try {
    run();
    return 'opened';
  } catch (error) {
    return error instanceof NoteError ? error.code : String(error);
  }
};

describe('C2SP signed notes and checkpoints (ECDSA P-256, type 0x02)', () => {
  const root = rootOf(['a', 'b', 'c'].map((entry) => leafHash(Buffer.from(entry))));
  const text = checkpointText({ origin: 'ocx.test/audit', size: 3, rootHash: root, extensions: [] });
  const note = signNote(text, { name: log.name, key: log.privateKey });

  it('writes the checkpoint body and one signature line: em dash, name, base64(key ID || DER signature)', () => {
    expect(text).toBe(`ocx.test/audit\n3\n${root.toString('base64')}\n`);
    const [body, signatureLine] = note.split('\n\n');
    expect(`${body}\n`).toBe(text);
    expect(signatureLine).toMatch(/^\u2014 ocx\.test\/audit [A-Za-z0-9+/]+=*\n$/u);
    const bytes = Buffer.from(signatureLine!.trim().split(' ')[2]!, 'base64');
    const spki = createPublicKey(log.privateKey).export({ format: 'der', type: 'spki' });
    expect(bytes.subarray(0, 4)).toEqual(createHash('sha256').update(spki).digest().subarray(0, 4));
    expect(ecdsaKeyId(log.publicKey)).toEqual(bytes.subarray(0, 4));
    expect(bytes[4]).toBe(0x30); // an ASN.1 SEQUENCE: the DER signature
  });

  it('opens with the trusted key and reads the checkpoint back', () => {
    const opened = openNote(note, [{ name: log.name, key: log.publicKey }]);
    expect(opened.signedBy).toEqual([log.name]);
    expect(parseCheckpoint(opened.text)).toEqual({ origin: 'ocx.test/audit', size: 3, rootHash: root, extensions: [] });
  });

  it('refuses an altered text, a note no trusted key signed, and a known key whose signature fails', () => {
    expect(failure(() => openNote(note.replace('\n3\n', '\n4\n'), [{ name: log.name, key: log.publicKey }]))).toBe('SIGNATURE_INVALID');
    expect(failure(() => openNote(note, [{ name: witness.name, key: witness.publicKey }]))).toBe('NO_KNOWN_SIGNATURE');
    // Same name, another key (so another key ID): ignored, so nothing known signed it.
    expect(failure(() => openNote(note, [{ name: log.name, key: witness.publicKey }]))).toBe('NO_KNOWN_SIGNATURE');
    const forged = signNote(text.replace('\n3\n', '\n9\n'), { name: log.name, key: log.privateKey }).split('\n\n')[1]!;
    expect(failure(() => openNote(`${text}\n${forged}`, [{ name: log.name, key: log.publicKey }]))).toBe('SIGNATURE_INVALID');
  });

  it('takes a cosignature and ignores signatures of keys it does not know', () => {
    const cosigned = addSignature(note, { name: witness.name, key: witness.privateKey });
    expect(cosigned.split('\n\u2014 ')).toHaveLength(3);
    expect(openNote(cosigned, [{ name: log.name, key: log.publicKey }, { name: witness.name, key: witness.publicKey }]).signedBy).toEqual([log.name, witness.name]);
    expect(openNote(cosigned, [{ name: witness.name, key: witness.publicKey }]).signedBy).toEqual([witness.name]);
  });

  it('refuses malformed notes and checkpoints', () => {
    const trusted = [{ name: log.name, key: log.publicKey }];
    expect(failure(() => openNote(text, trusted))).toBe('MALFORMED');
    expect(failure(() => openNote(note.slice(0, -1), trusted))).toBe('MALFORMED');
    expect(failure(() => openNote(note.replace('\u2014', '-'), trusted))).toBe('MALFORMED');
    expect(failure(() => parseCheckpoint('ocx.test/audit\n03\nAAAA\n'))).toBe('MALFORMED');
    expect(failure(() => parseCheckpoint('ocx.test/audit\n3\nAAAA\n'))).toBe('MALFORMED');
    expect(failure(() => parseCheckpoint('ocx.test/audit\n3\n'))).toBe('MALFORMED');
    expect(() => signNote('no newline', { name: log.name, key: log.privateKey })).toThrow(TypeError);
    expect(() => signNote(text, { name: 'has space', key: log.privateKey })).toThrow(TypeError);
  });

  it("reads the example checkpoint of c2sp.org/tlog-checkpoint", () => {
    const example = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
    expect(parseCheckpoint(example)).toMatchObject({ origin: 'example.com/behind-the-sofa', size: 20852163, extensions: [] });
  });
});
