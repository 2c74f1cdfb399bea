import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Settings } from '../config/settings.js';

/** The key that encrypts the hub's private signing keys: SIGNING_MASTER_KEY, or a generated development one under DATA_DIR. */
export async function loadMasterKey(settings: Settings): Promise<Buffer> {
  if (settings.SIGNING_MASTER_KEY) return decode(settings.SIGNING_MASTER_KEY);
  const file = path.join(path.resolve(settings.DATA_DIR), 'keys', 'master.key');
  if (!existsSync(file)) {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      await writeFile(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return decode((await readFile(file, 'utf8')).trim());
}

function decode(encoded: string): Buffer {
  const key = Buffer.from(encoded.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (key.length !== 32) throw new Error('the signing master key must be 32 bytes');
  return key;
}
