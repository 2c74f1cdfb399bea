import { getMetadataStorage } from 'class-validator';

type Lookup = ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas'];

let installed = false;

/**
 * class-validator finds a class's rules on every validation by testing every decorated class of the program for
 * inheritance (typestack/class-validator#2686): about a hundred DTOs here, for each of the eight nested objects of a
 * complaint, on every request (3% of the hub's CPU in `bench:intake`). A class's own and inherited rules are all
 * registered when its module loads, before anything is validated, so the answer for a class and a set of options
 * never changes afterwards: it is remembered (as twentyhq/twenty#24085 does). Installed once per process.
 */
export function cacheValidationMetadata(): void {
  if (installed) return;
  installed = true;
  const storage = getMetadataStorage();
  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const cache = new WeakMap<object, Map<string, ReturnType<Lookup>>>();
  storage.getTargetValidationMetadatas = (targetConstructor, targetSchema, always, strictGroups, groups) => {
    // A value without a class (an object made with a null prototype) goes to class-validator as before.
    if (typeof targetConstructor !== 'function') return lookup(targetConstructor, targetSchema, always, strictGroups, groups);
    const key = `${targetSchema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0001') ?? ''}`;
    let byOptions = cache.get(targetConstructor);
    if (!byOptions) cache.set(targetConstructor, (byOptions = new Map()));
    let rules = byOptions.get(key);
    if (!rules) byOptions.set(key, (rules = lookup(targetConstructor, targetSchema, always, strictGroups, groups)));
    return rules;
  };
}
