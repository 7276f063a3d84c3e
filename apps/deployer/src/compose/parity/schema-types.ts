// Which JSON types the compose schema allows at a path, so the fuzzer can put a wrong one there.

type Node = Record<string, unknown>;

/** JSON types as the schema names them. */
export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null';

/** What the schema says about one path: the allowed types, and whether a mapping takes unknown keys. */
export interface PathSchema {
  /** Allowed types; null when some branch does not constrain the type. */
  types: Set<JsonType> | null;
  /** Every branch that is a mapping forbids keys it does not name (`additionalProperties: false`). */
  closedMapping: boolean;
  /** Some branch is a duration string. */
  duration: boolean;
}

/** Resolves `path` (keys and list indexes) against `root` and describes what may stand there. */
export function schemaAt(root: Node, path: readonly (string | number)[]): PathSchema {
  let nodes = expand(root, [root]);
  for (const segment of path)
    nodes = expand(
      root,
      nodes.flatMap((n) => child(n, segment)),
    );
  return describe(nodes);
}

function describe(nodes: Node[]): PathSchema {
  let types: Set<JsonType> | null = new Set();
  for (const node of nodes) {
    const type = node.type;
    if (type === undefined) types = null;
    else if (types !== null) for (const t of [type].flat() as JsonType[]) types.add(t);
  }
  if (types?.has('number')) types.add('integer');
  const mappings = nodes.filter((n) => [n.type].flat().includes('object'));
  const closedMapping =
    mappings.length > 0 &&
    mappings.every(
      (n) =>
        n.additionalProperties === false &&
        Object.keys((n.patternProperties as Node | undefined) ?? {}).every((p) => p === '^x-'),
    );
  const duration = nodes.some((n) => n.format === 'duration');
  return { types: nodes.length === 0 ? null : types, closedMapping, duration };
}

function child(node: Node, segment: string | number): Node[] {
  if (typeof segment === 'number') {
    const items = node.items;
    if (Array.isArray(items)) return items[segment] === undefined ? [] : [items[segment] as Node];
    return items === undefined ? [] : [items as Node];
  }
  const properties = node.properties as Record<string, Node> | undefined;
  if (properties?.[segment] !== undefined) return [properties[segment]];
  const patterns = node.patternProperties as Record<string, Node> | undefined;
  const matched = Object.entries(patterns ?? {})
    .filter(([pattern]) => new RegExp(pattern).test(segment))
    .map(([, value]) => value);
  if (matched.length > 0) return matched;
  const additional = node.additionalProperties;
  return typeof additional === 'object' && additional !== null ? [additional as Node] : [];
}

// Follows $ref and flattens oneOf / anyOf / allOf into the list of alternatives.
function expand(root: Node, nodes: Node[], depth = 0): Node[] {
  if (depth > 20) return nodes;
  return nodes.flatMap((node) => {
    if (typeof node.$ref === 'string') return expand(root, [resolveRef(root, node.$ref)], depth + 1);
    const branches = [node.oneOf, node.anyOf, node.allOf].filter(Array.isArray).flat() as Node[];
    if (branches.length === 0) return [node];
    const rest = { ...node };
    delete rest.oneOf;
    delete rest.anyOf;
    delete rest.allOf;
    const own = Object.keys(rest).some((k) => k === 'type' || k === 'properties') ? [rest] : [];
    return [...own, ...expand(root, branches, depth + 1)];
  });
}

function resolveRef(root: Node, ref: string): Node {
  if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}`);
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) node = (node as Node)[part];
  if (node === undefined) throw new Error(`dangling $ref ${ref}`);
  return node as Node;
}
