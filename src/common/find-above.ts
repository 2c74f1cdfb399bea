import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The first `relative` path, found from `start` upwards, that holds `marker`: how code finds a
 * folder of the repository wherever it runs (src/ under Jest, dist/src/ when built).
 */
export function findAbove(start: string, relative: string, marker: string): string | undefined {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, relative);
    if (existsSync(path.join(candidate, marker))) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}
