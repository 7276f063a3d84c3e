// Paths into plain compose data: listing, reading, writing and printing them the way the converter does.

/** A path of mapping keys and list indexes. */
export type DocPath = readonly (string | number)[];

/** Every path below the root, depth first, skipping `x-` extension keys (they accept anything). */
export function listPaths(value: unknown, base: DocPath = []): DocPath[] {
  const out: DocPath[] = [];
  if (Array.isArray(value)) {
    value.forEach((item, index) => out.push([...base, index], ...listPaths(item, [...base, index])));
  } else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key.startsWith('x-')) continue;
      out.push([...base, key], ...listPaths(item, [...base, key]));
    }
  }
  return out;
}

export function getAt(value: unknown, path: DocPath): unknown {
  let node = value;
  for (const segment of path) node = (node as Record<string | number, unknown> | undefined)?.[segment];
  return node;
}

/** Sets `path` to `next`, creating mappings on the way. */
export function setAt(value: Record<string, unknown>, path: DocPath, next: unknown): void {
  let node: Record<string | number, unknown> = value;
  for (const segment of path.slice(0, -1)) {
    if (node[segment] === undefined || node[segment] === null) node[segment] = {};
    node = node[segment] as Record<string | number, unknown>;
  }
  node[path[path.length - 1] as string | number] = next;
}

export function deleteAt(value: Record<string, unknown>, path: DocPath): void {
  const parent = getAt(value, path.slice(0, -1)) as Record<string | number, unknown>;
  delete parent[path[path.length - 1] as string | number];
}

/** `['services', 'api', 'ports', 0]` → `services.api.ports[0]`, the converter's path syntax. */
export function formatPath(path: DocPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out = out === '' ? segment : `${out}.${segment}`;
  }
  return out;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
