import { isTransientConflict } from '../common/outages.js';

/**
 * Runs `work` again (up to `attempts` times in all) when it loses a deadlock or serialization race
 * (isTransientConflict); any other error is thrown at once.
 */
export async function retryOnConflict<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isTransientConflict(error)) throw error;
    }
  }
}
