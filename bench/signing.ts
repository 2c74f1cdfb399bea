import 'reflect-metadata';
import { CompactSign, compactVerify, importJWK } from 'jose';
import nodeJose from 'node-jose';
import { createPrivateKey, createPublicKey, randomUUID, sign as cryptoSign, verify as cryptoVerify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCompact, verifySignature } from '../src/signing/compact-jws.js';
import type { HubKeyStore } from '../src/signing/hub-key-store.service.js';
import { SigningService } from '../src/signing/signing.service.js';
import { findSchemasDir, SchemaRegistry } from '../src/standard/schema-registry.js';
import { measure, printTable } from './harness.js';

/**
 * `npm run bench:signing`: ES256 sign and verify of a referral-sized document
 * through the hub's signing code, next to raw node:crypto, node-jose and jose,
 * all measured in this run on one core.
 */
async function main(): Promise<void> {
  const budget = Number(process.env.BENCH_MS ?? 2000);
  const referral = { ...JSON.parse(readFileSync(path.join(findSchemasDir(), 'examples', 'valid', 'referral.shopping-not-received.json'), 'utf8')), id: randomUUID() };
  const payload = Buffer.from(JSON.stringify(referral));
  process.stdout.write(`document: referral example, ${payload.length} bytes of JSON; ${budget} ms per measurement; node ${process.version}\n`);

  const joseKey = await nodeJose.JWK.createKey('EC', 'P-256', { alg: 'ES256', use: 'sig' });
  const kid = ((await joseKey.thumbprint('SHA-256')) as unknown as Buffer).toString('base64url');
  const privateJwk = joseKey.toJSON(true) as Record<string, string>;
  const privateKey = createPrivateKey({ key: privateJwk, format: 'jwk' });
  const publicKey = createPublicKey(privateKey);

  // The hub's SigningService with its key store reduced to the one key (no database in a micro-benchmark).
  const keyStore = { signingKey: () => ({ kid, privateKey }), verificationKey: () => publicKey, reload: async () => undefined } as unknown as HubKeyStore;
  const hub = new SigningService(keyStore);
  const hubJws = hub.sign('referral', referral);
  const registry = new SchemaRegistry();

  const rawInput = Buffer.from(`eyJhbGciOiJFUzI1NiJ9.${payload.toString('base64url')}`);
  const rawSignature = cryptoSign('sha256', rawInput, { key: privateKey, dsaEncoding: 'ieee-p1363' });
  const nodeJoseKeystore = nodeJose.JWK.createKeyStore();
  await nodeJoseKeystore.add(joseKey);
  const nodeJoseJws = (await nodeJose.JWS.createSign({ format: 'compact', fields: { alg: 'ES256', kid, typ: 'ocx-referral+jws' } }, joseKey).update(payload).final()) as unknown as string;
  const joseKeyLike = await importJWK(privateJwk, 'ES256');
  const josePublic = await importJWK({ kty: 'EC', crv: 'P-256', x: privateJwk.x!, y: privateJwk.y! }, 'ES256');

  const signRows = [
    await measure('node:crypto ES256 sign (baseline)', () => cryptoSign('sha256', rawInput, { key: privateKey, dsaEncoding: 'ieee-p1363' }), budget),
    await measure('hub SigningService.sign (JWS compact)', () => hub.sign('referral', referral), budget),
    await measure('node-jose JWS.createSign', () => nodeJose.JWS.createSign({ format: 'compact', fields: { alg: 'ES256', kid } }, joseKey).update(payload).final(), budget),
    await measure('jose CompactSign', () => new CompactSign(payload).setProtectedHeader({ alg: 'ES256', kid }).sign(joseKeyLike), budget),
  ];
  printTable('ES256 sign, one core', signRows, signRows[0]);

  const verifyRows = [
    await measure('node:crypto ES256 verify (baseline)', () => cryptoVerify('sha256', rawInput, { key: publicKey, dsaEncoding: 'ieee-p1363' }, rawSignature), budget),
    await measure('hub verify (parse + verify + JSON.parse)', () => {
      const parsed = parseCompact(hubJws);
      if (!verifySignature(parsed, publicKey)) throw new Error('did not verify');
      return JSON.parse(parsed.payload.toString('utf8'));
    }, budget),
    await measure('hub verify + schema validation', () => {
      const parsed = parseCompact(hubJws);
      if (!verifySignature(parsed, publicKey)) throw new Error('did not verify');
      return registry.validate('referral', JSON.parse(parsed.payload.toString('utf8')));
    }, budget),
    await measure('node-jose JWS.createVerify', () => nodeJose.JWS.createVerify(nodeJoseKeystore).verify(nodeJoseJws, { algorithms: ['ES256'] } as never), budget),
    await measure('jose compactVerify', () => compactVerify(hubJws, josePublic), budget),
  ];
  printTable('ES256 verify, one core', verifyRows, verifyRows[0]);

  const signRatio = signRows[1]!.opsPerSecond / signRows[0]!.opsPerSecond;
  const verifyRatio = verifyRows[1]!.opsPerSecond / verifyRows[0]!.opsPerSecond;
  process.stdout.write(`\nhub sign at ${(signRatio * 100).toFixed(0)}% and verify at ${(verifyRatio * 100).toFixed(0)}% of node:crypto (target ≥ 50%): ${signRatio >= 0.5 && verifyRatio >= 0.5 ? 'met' : 'NOT met'}\n`);
}

void main();
