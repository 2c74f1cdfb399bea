import { rm } from 'node:fs/promises';

export default async function globalTeardown() {
  const servers = globalThis.ocxTestServers;
  if (!servers) return;
  await servers.s3.stop();
  await servers.postgres.stop();
  await rm(servers.dir, { recursive: true, force: true });
  globalThis.ocxTestServers = undefined;
}
