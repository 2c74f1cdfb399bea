import { isProcessRunning } from '../common/processes.js';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * A PostgreSQL left running by an earlier run of the same data folder: `npm start`
 * killed with `kill -9` leaves its embedded server without its parent, still holding
 * `postmaster.pid`, and a new server on that folder would refuse to start. Such a
 * server is asked to stop (SIGINT: PostgreSQL's fast shutdown, which finishes cleanly)
 * and awaited. Returns its pid when there was one.
 */
export async function stopLeftoverServer(clusterDir: string, timeoutMs = 30_000): Promise<number | undefined> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isProcessRunning(pid)) return undefined; // a stale file: PostgreSQL handles it
  // Only a postgres process serving this very folder is ours to stop.
  const command = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!command.includes('postgres') || !command.includes(clusterDir)) return undefined;
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + timeoutMs;
  while (isProcessRunning(pid)) {
    if (Date.now() > deadline) throw new Error(`the PostgreSQL left running on ${clusterDir} (pid ${pid}) did not stop within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return pid;
}
