/**
 * I-JSON (RFC 7493 §2.3): the members of an object have unique names. JSON.parse keeps
 * the last of two equal names, another parser may keep the first: a signed document with
 * `"status":"rejected", … "status":"acknowledged"` would then say two things, and the
 * hub stores the bytes as signed. So every signed payload is scanned for a repeated
 * name (compared after unescaping: `"a"` and `"\u0061"` are the same name).
 *
 * Takes text that JSON.parse has accepted (its syntax is not checked again) and returns
 * the JSON pointer of the first repeated member, or undefined. No recursion.
 */
export function duplicateMember(json: string): string | undefined {
  // One frame per open container: the names seen (objects only) and the path to it.
  const frames: Array<{ names: Set<string> | null; path: string; expectingName: boolean; lastName: string | null; index: number }> = [];
  let i = 0;
  while (i < json.length) {
    const char = json[i]!;
    if (char === '"') {
      const end = endOfString(json, i);
      const frame = frames[frames.length - 1];
      if (frame?.names && frame.expectingName) {
        const name = JSON.parse(json.slice(i, end + 1)) as string;
        const pointer = `${frame.path}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (frame.names.has(name)) return pointer;
        frame.names.add(name);
        frame.lastName = pointer;
        frame.expectingName = false;
      }
      i = end + 1;
      continue;
    }
    if (char === '{' || char === '[') {
      const parent = frames[frames.length - 1];
      const path = parent ? (parent.names ? parent.lastName ?? parent.path : `${parent.path}/${parent.index}`) : '';
      frames.push({ names: char === '{' ? new Set() : null, path, expectingName: char === '{', lastName: null, index: 0 });
    } else if (char === '}' || char === ']') {
      frames.pop();
    } else if (char === ',') {
      const frame = frames[frames.length - 1];
      if (frame?.names) frame.expectingName = true;
      else if (frame) frame.index += 1;
    }
    i += 1;
  }
  return undefined;
}

/** The index of the quote that closes the string opening at `start`. */
function endOfString(json: string, start: number): number {
  let i = start + 1;
  while (i < json.length) {
    const char = json[i];
    if (char === '\\') i += 2;
    else if (char === '"') return i;
    else i += 1;
  }
  return json.length - 1;
}
