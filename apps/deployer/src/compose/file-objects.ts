import { createHash } from 'node:crypto';

import { scopedName, withStackLabel, type ConvertContext } from './context.js';
import type { EngineConfigReference, EngineFileTarget, EngineSecretReference } from './engine-types.js';
import { joinPath } from './issues.js';
import { compareStrings, sortedRecord, toStringMap } from './mappings.js';
import type { ComposeFileObject, FileReference } from './model.js';
import type { DesiredObject } from './types.js';

export type ObjectKind = 'configs' | 'secrets';

/** Length of the content digest suffix in versioned object names. */
export const DIGEST_SUFFIX_LENGTH = 12;

// Swarm's rule for config and secret names (swarmkit validateConfigOrSecretAnnotations).
const MAX_OBJECT_NAME = 64;
const OBJECT_NAME = /^[a-zA-Z0-9]+(?:[a-zA-Z0-9-_.]*[a-zA-Z0-9])?$/;

function isExternal(object: ComposeFileObject): boolean {
  return object.external === true || (typeof object.external === 'object' && object.external !== null);
}

/**
 * The engine name of a config or secret. External: its `name:`, external name, or key. With content:
 * `<stack>_<key>` (or its `name:`) + `-<first 12 hex of sha256(content)>`, so new content is a new object
 * (docker updates the object in place, which swarm refuses while a service uses it: rotation needs this).
 */
function objectName(
  ctx: ConvertContext,
  key: string,
  object: ComposeFileObject,
  content: string | undefined,
): string {
  if (isExternal(object)) {
    const externalName =
      typeof object.external === 'object' && object.external !== null ? object.external.name : undefined;
    return object.name ?? externalName ?? key;
  }
  return `${object.name ?? scopedName(ctx, key)}-${digestOf(content ?? '').slice(0, DIGEST_SUFFIX_LENGTH)}`;
}

function digestOf(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

/** The content of a top-level config/secret from `content:` or `environment:` (read from `env`). */
function objectContent(
  ctx: ConvertContext,
  kind: ObjectKind,
  key: string,
  object: ComposeFileObject,
): string | undefined {
  const path = `${kind}.${key}`;
  if (isExternal(object)) return undefined;
  if (object.driver !== undefined) {
    ctx.issues.add(
      joinPath(path, 'driver'),
      'secret drivers are not supported; use content, environment or external',
    );
    return undefined;
  }
  if (object.template_driver !== undefined) {
    ctx.issues.add(joinPath(path, 'template_driver'), 'templated objects are not supported');
    return undefined;
  }
  const sources = (['file', 'content', 'environment'] as const).filter((k) => object[k] !== undefined);
  if (sources.length > 1) {
    ctx.issues.add(path, `set only one of ${sources.join(', ')}`);
    return undefined;
  }
  if (object.file !== undefined) {
    ctx.issues.add(
      joinPath(path, 'file'),
      'file-based objects cannot be read: Swarmops takes compose text only; use content:, environment: or external:',
    );
    return undefined;
  }
  if (object.environment !== undefined) {
    const value = ctx.env[object.environment];
    if (value === undefined || !Object.hasOwn(ctx.env, object.environment)) {
      ctx.issues.add(joinPath(path, 'environment'), `variable ${object.environment} is not set in env`);
      return undefined;
    }
    return value;
  }
  if (object.content !== undefined) return object.content;
  ctx.issues.add(path, 'needs content:, environment: or external: true');
  return undefined;
}

/** Top-level configs or secrets → desired objects (with data), sorted by engine name. */
export function convertObjects(ctx: ConvertContext, kind: ObjectKind): DesiredObject[] {
  const out: DesiredObject[] = [];
  for (const [key, raw] of Object.entries(ctx.file[kind] ?? {})) {
    const object = raw ?? {};
    const external = isExternal(object);
    const content = objectContent(ctx, kind, key, object);
    if (!external && content === undefined) continue;
    const fullName = objectName(ctx, key, object, content);
    if (fullName.length > MAX_OBJECT_NAME || !OBJECT_NAME.test(fullName)) {
      ctx.issues.add(
        `${kind}.${key}`,
        `name "${fullName.slice(0, 80)}" is not valid in swarm: at most ${MAX_OBJECT_NAME} letters, digits, -, _ and .`,
      );
      continue;
    }
    out.push({
      name: key,
      fullName,
      external,
      data: content === undefined ? null : Buffer.from(content, 'utf8').toString('base64'),
      digest: content === undefined ? null : digestOf(content),
      labels: external ? {} : sortedRecord(withStackLabel(ctx, toStringMap(object.labels))),
    });
  }
  return out.sort((a, b) => compareStrings(a.fullName, b.fullName));
}

function fileTarget(ref: FileReference, source: string): EngineFileTarget {
  return { Name: ref.target || source, UID: ref.uid || '0', GID: ref.gid || '0', Mode: ref.mode ?? 0o444 };
}

function resolveRefs(
  ctx: ConvertContext,
  kind: ObjectKind,
  serviceName: string,
  refs: (string | FileReference)[] | undefined,
  objects: DesiredObject[],
): { name: string; file: EngineFileTarget }[] {
  const out: { name: string; file: EngineFileTarget }[] = [];
  (refs ?? []).forEach((entry, index) => {
    const ref: FileReference = typeof entry === 'string' ? { source: entry } : entry;
    const path = joinPath(`services.${serviceName}.${kind}`, index);
    if (!ref.source) {
      ctx.issues.add(joinPath(path, 'source'), 'is required');
      return;
    }
    if (!Object.hasOwn(ctx.file[kind] ?? {}, ref.source)) {
      ctx.issues.add(
        path,
        `undefined ${kind.slice(0, -1)} "${ref.source}" (declare it under top-level ${kind})`,
      );
      return;
    }
    const object = objects.find((o) => o.name === ref.source);
    if (object === undefined) return; // its own definition is invalid and already reported
    out.push({ name: object.fullName, file: fileTarget(ref, ref.source) });
  });
  return out.sort((a, b) => compareStrings(a.name, b.name));
}

/** A service's secret references (uid/gid "0", mode 0444, target = source unless given), sorted by name. */
export function convertSecretRefs(
  ctx: ConvertContext,
  serviceName: string,
  refs: (string | FileReference)[] | undefined,
  secrets: DesiredObject[],
): EngineSecretReference[] {
  return resolveRefs(ctx, 'secrets', serviceName, refs, secrets).map((r) => ({
    File: r.file,
    SecretName: r.name,
  }));
}

/** A service's config references, like secrets. */
export function convertConfigRefs(
  ctx: ConvertContext,
  serviceName: string,
  refs: (string | FileReference)[] | undefined,
  configs: DesiredObject[],
): EngineConfigReference[] {
  return resolveRefs(ctx, 'configs', serviceName, refs, configs).map((r) => ({
    File: r.file,
    ConfigName: r.name,
  }));
}
