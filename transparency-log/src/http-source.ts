import { TileError, tilePath } from './tiles.js';
import type { LogSource } from './verify-log.js';

export interface HttpLogSourceOptions {
  /** Sent with every request (e.g. `authorization` for entry bundles). */
  headers?: Record<string, string>;
  fetch?: typeof fetch;
  /** Earlier checkpoints, when the log publishes a history (tlog-tiles does not define one). */
  checkpoints?: () => Promise<string[]>;
}

/** A log read over HTTP from its prefix URL: `<prefix>/checkpoint`, `<prefix>/tile/…` (c2sp.org/tlog-tiles). */
export function httpLogSource(prefix: string, options: HttpLogSourceOptions = {}): LogSource {
  const get = async (path: string): Promise<Response> => {
    const response = await (options.fetch ?? fetch)(`${prefix.replace(/\/$/, '')}/${path}`, { headers: options.headers ?? {} });
    if (!response.ok) throw new TileError(`GET ${path} answered HTTP ${response.status}`);
    return response;
  };
  return {
    checkpoint: async () => (await get('checkpoint')).text(),
    ...(options.checkpoints ? { checkpoints: options.checkpoints } : {}),
    tile: async (level, index, width) => new Uint8Array(await (await get(tilePath({ level, index, width }))).arrayBuffer()),
    entryBundle: async (index, width) => new Uint8Array(await (await get(tilePath({ level: 'entries', index, width }))).arrayBuffer()),
  };
}
