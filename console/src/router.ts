import { useEffect, useState } from 'preact/hooks';

/** Hash routes (`#/complaints/…`): the hub serves one page, and a reload keeps the place. */
export function useRoute(): string[] {
  const read = (): string[] => (location.hash.replace(/^#\/?/, '') || 'complaints').split('/').map(decodeURIComponent);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const changed = (): void => setRoute(read());
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return route;
}

export const go = (...parts: string[]): void => {
  location.hash = `#/${parts.map(encodeURIComponent).join('/')}`;
};
