import 'reflect-metadata';
import { readFile, writeFile } from 'node:fs/promises';
import { loadSettings } from '../config/settings.js';
import { createHub } from '../hub.js';
import { buildOpenApiDocument, OPENAPI_FILE, serialiseSorted } from '../openapi.js';

/**
 * `npm run openapi` writes openapi/ocx-hub.v1.json from the code; `npm run openapi:check`
 * fails when the committed file differs. Preview mode scans the modules without
 * creating providers, so no database or object store is needed.
 */
async function main(): Promise<void> {
  const mode = process.argv.includes('--write') ? 'write' : 'check';
  const settings = loadSettings({ NODE_ENV: 'development', OPENAPI_UI: 'false' });
  const app = await createHub(
    settings,
    { databaseUrl: 'postgres://unused@127.0.0.1/unused', s3: { endpoint: 'http://127.0.0.1:1', accessKey: 'x', secretKey: 'x', bucket: 'unused', region: 'us-east-1' } },
    { preview: true },
  );
  const generated = serialiseSorted(buildOpenApiDocument(app));
  await app.close();
  if (mode === 'write') {
    await writeFile(OPENAPI_FILE, generated);
    process.stdout.write(`wrote ${OPENAPI_FILE}\n`);
    return;
  }
  const committed = await readFile(OPENAPI_FILE, 'utf8').catch(() => '');
  if (committed !== generated) {
    process.stderr.write(`${OPENAPI_FILE} differs from what the code produces: run \`npm run openapi\` and commit the result.\n`);
    process.exit(1);
  }
  process.stdout.write(`${OPENAPI_FILE} matches the code\n`);
}

void main();
