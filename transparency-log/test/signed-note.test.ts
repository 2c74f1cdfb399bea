import { describe, expect, it } from '@jest/globals';
import { createHash, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { rootOf, leafHash } from '../src/merkle.js';
import { addSignature, checkpointText, ecdsaKeyId, NoteError, openNote, parseCheckpoint, parseVerifierKey, signNote, verifierKey } from '../src/signed-note.js';

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

describe('witness cosignatures (c2sp.org/tlog-cosignature, cosignature/v1)', () => {
  const checkpoint = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
  const logKey = { name: 'example.com/behind-the-sofa', key: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey };
  const witness = { name: 'witness.example.com/w1', key: generateKeyPairSync('ed25519').privateKey, type: 0x04 as const };

  it('signs "cosignature/v1", the time and the checkpoint, with the timestamp before the signature', () => {
    const note = addSignature(signNote(checkpoint, logKey), witness);
    const line = note.trimEnd().split('\n').at(-1)!;
    const bytes = Buffer.from(line.split(' ').at(-1)!, 'base64');
    expect(bytes).toHaveLength(4 + 8 + 64);
    const timestamp = bytes.readBigUInt64BE(4);
    expect(Number(timestamp)).toBeGreaterThan(Date.now() / 1000 - 5);
    const publicKey = createPublicKey(witness.key);
    expect(verify(null, Buffer.from(`cosignature/v1\ntime ${timestamp}\n${checkpoint}`), publicKey, bytes.subarray(12))).toBe(true);
    // The key ID commits to the type: SHA-256(name ‖ "\n" ‖ 0x04 ‖ key)[:4].
    const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(12);
    expect(bytes.subarray(0, 4)).toEqual(createHash('sha256').update('witness.example.com/w1\n').update(Uint8Array.of(0x04)).update(raw).digest().subarray(0, 4));
  });

  it('is verified with the witness\'s verifier key, and refused when its time was changed', () => {
    const vkey = verifierKey(witness);
    expect(Buffer.from(vkey.split('+')[2]!, 'base64')[0]).toBe(0x04);
    const trusted = [parseVerifierKey(vkey), { name: logKey.name, key: createPublicKey(logKey.key) }];
    const note = addSignature(signNote(checkpoint, logKey), witness);
    expect(openNote(note, trusted).signedBy).toEqual(['example.com/behind-the-sofa', 'witness.example.com/w1']);
    const lines = note.trimEnd().split('\n');
    const bytes = Buffer.from(lines.at(-1)!.split(' ').at(-1)!, 'base64');
    bytes.writeBigUInt64BE(bytes.readBigUInt64BE(4) + 1n, 4);
    const changed = [...lines.slice(0, -1), `\u2014 witness.example.com/w1 ${bytes.toString('base64')}`].join('\n') + '\n';
    expect(() => openNote(changed, trusted)).toThrow(/witness\.example\.com\/w1 does not verify/);
    // The same Ed25519 key as a plain signer (type 0x01) has another key ID: its lines are ignored, not accepted.
    expect(openNote(note, [{ name: witness.name, key: createPublicKey(witness.key) }, trusted[1]!]).signedBy).toEqual(['example.com/behind-the-sofa']);
  });
});
