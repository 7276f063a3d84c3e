import { posix } from 'node:path';

import { scopedName, warnUnsupported, withStackLabel, type ConvertContext } from './context.js';
import type { EngineMount } from './engine-types.js';
import { joinPath } from './issues.js';
import { scalarToString, sortedRecord, toStringMap } from './mappings.js';
import type { ComposeVolume, VolumeMountFile } from './model.js';
import { parseByteSize } from './units.js';
import { parseVolumeSpec } from './volume-spec.js';

/**
 * Service volumes → Engine mounts, as docker stack deploy converts them: named volumes become
 * `<stack>_<name>` (or their `name:`) with the stack label and driver config; external ones keep their
 * name and get no labels; binds keep their absolute source; tmpfs gets its size. Relative bind sources
 * cannot be resolved without a file location and are refused.
 */
export function convertMounts(
  ctx: ConvertContext,
  path: string,
  volumes: (string | VolumeMountFile)[] | undefined,
): { index: number; mount: EngineMount }[] {
  const out: { index: number; mount: EngineMount }[] = [];
  (volumes ?? []).forEach((entry, index) => {
    const at = joinPath(path, index);
    const volume = typeof entry === 'string' ? parseVolumeSpec(entry) : entry;
    if (typeof volume === 'string') {
      ctx.issues.add(at, volume);
      return;
    }
    const mount = convertMount(ctx, at, volume);
    if (mount !== undefined) out.push({ index, mount });
  });
  return out;
}

function convertMount(ctx: ConvertContext, path: string, volume: VolumeMountFile): EngineMount | undefined {
  if (!volume.target || !posix.isAbsolute(volume.target)) {
    // The engine refuses it at create time ("invalid mount target, must be an absolute path").
    ctx.issues.add(joinPath(path, 'target'), 'must be an absolute path in the container');
    return undefined;
  }
  const base: EngineMount = {
    Type: volume.type,
    ...(volume.source ? { Source: volume.source } : {}),
    ...(volume.target ? { Target: volume.target } : {}),
    ...(volume.read_only ? { ReadOnly: true } : {}),
    ...(volume.consistency ? { Consistency: volume.consistency } : {}),
  };
  const incompatible = (['bind', 'volume', 'tmpfs'] as const).find(
    (kind) =>
      kind !== volume.type && volume[kind] !== undefined && !(kind === 'bind' && volume.type === 'npipe'),
  );
  if (incompatible !== undefined) {
    ctx.issues.add(
      joinPath(path, incompatible),
      `${incompatible} options are incompatible with type ${volume.type}`,
    );
    return undefined;
  }
  switch (volume.type) {
    case 'volume':
      return namedVolume(ctx, path, volume, base);
    case 'bind':
      return bindMount(ctx, path, volume, base);
    case 'tmpfs':
      return tmpfsMount(ctx, path, volume, base);
    default:
      ctx.issues.add(
        joinPath(path, 'type'),
        `volume type must be volume, bind or tmpfs (got "${volume.type}")`,
      );
      return undefined;
  }
}

function namedVolume(
  ctx: ConvertContext,
  path: string,
  volume: VolumeMountFile,
  mount: EngineMount,
): EngineMount | undefined {
  if (!volume.source) return mount;
  const declared = ctx.file.volumes ?? {};
  if (!Object.hasOwn(declared, volume.source)) {
    ctx.issues.add(
      joinPath(path, 'source'),
      `undefined volume "${volume.source}" (declare it under top-level volumes)`,
    );
    return undefined;
  }
  const top: ComposeVolume = declared[volume.source] ?? {};
  const external = top.external === true || (typeof top.external === 'object' && top.external !== null);
  const externalName =
    typeof top.external === 'object' && top.external !== null ? top.external.name : undefined;
  if (external && (top.driver !== undefined || top.driver_opts !== undefined || top.labels !== undefined)) {
    ctx.issues.add(`volumes.${volume.source}`, 'external volumes cannot set driver, driver_opts or labels');
    return undefined;
  }
  const source = top.name ?? externalName ?? (external ? volume.source : scopedName(ctx, volume.source));
  const options: NonNullable<EngineMount['VolumeOptions']> = {
    ...(volume.volume?.nocopy ? { NoCopy: true } : {}),
    ...(volume.volume?.subpath ? { Subpath: volume.volume.subpath } : {}),
  };
  if (!external) {
    options.Labels = sortedRecord(withStackLabel(ctx, toStringMap(top.labels)));
    if (top.driver !== undefined || top.driver_opts !== undefined) {
      options.DriverConfig = {
        ...(top.driver ? { Name: top.driver } : {}),
        ...(top.driver_opts ? { Options: stringOptions(top.driver_opts) } : {}),
      };
    }
  }
  return { ...mount, Source: source, VolumeOptions: options };
}

function bindMount(
  ctx: ConvertContext,
  path: string,
  volume: VolumeMountFile,
  mount: EngineMount,
): EngineMount | undefined {
  if (!volume.source) {
    ctx.issues.add(joinPath(path, 'source'), 'a bind mount needs a source');
    return undefined;
  }
  let source = volume.source;
  if (source.startsWith('~')) {
    const home = ctx.env.HOME;
    if (home !== undefined) source = home + source.slice(1);
  }
  if (!posix.isAbsolute(source)) {
    ctx.issues.add(
      joinPath(path, 'source'),
      `relative bind source "${volume.source}" cannot be resolved: compose text has no file location; use an absolute path`,
    );
    return undefined;
  }
  if (volume.bind?.create_host_path !== undefined) {
    warnUnsupported(
      ctx,
      joinPath(path, 'bind.create_host_path'),
      'swarm never creates bind sources; the path must exist on the node',
    );
  }
  return {
    ...mount,
    Source: source,
    ...(volume.bind !== undefined
      ? { BindOptions: volume.bind.propagation ? { Propagation: volume.bind.propagation } : {} }
      : {}),
  };
}

function tmpfsMount(
  ctx: ConvertContext,
  path: string,
  volume: VolumeMountFile,
  mount: EngineMount,
): EngineMount | undefined {
  if (volume.source) {
    ctx.issues.add(joinPath(path, 'source'), 'a tmpfs mount cannot have a source');
    return undefined;
  }
  if (volume.tmpfs === undefined) return mount;
  if (volume.tmpfs.mode !== undefined) {
    warnUnsupported(ctx, joinPath(path, 'tmpfs.mode'), 'docker stack deploy does not pass tmpfs mode');
  }
  const size = volume.tmpfs.size === undefined ? 0 : parseByteSize(volume.tmpfs.size);
  if (size === undefined) {
    ctx.issues.add(joinPath(path, 'tmpfs.size'), `invalid size "${String(volume.tmpfs.size)}"`);
    return undefined;
  }
  return { ...mount, TmpfsOptions: size > 0 ? { SizeBytes: size } : {} };
}

/** Driver options as strings (YAML numbers become their decimal text), sorted. */
export function stringOptions(options: Record<string, string | number>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(options)) out[key] = scalarToString(value);
  return sortedRecord(out);
}
