import type { VolumeMountFile } from './model.js';

const PROPAGATIONS = new Set(['rprivate', 'private', 'rshared', 'shared', 'rslave', 'slave']);

/**
 * Parses a short volume spec (`source:target[:options]`, `target`) into the long form, as docker's
 * volumespec does: a source starting with `.`, `/` or `~` is a bind, anything else a named volume;
 * options `ro`, `rw`, `nocopy` and bind propagations; unknown options are ignored.
 */
export function parseVolumeSpec(spec: string): VolumeMountFile | string {
  if (spec.length === 0) return 'invalid empty volume spec';
  if (spec.length <= 2) return { type: 'volume', target: spec };
  const parts = spec.split(':');
  if (parts.some((p) => p === '')) return `invalid spec: ${spec}: empty section between colons`;
  if (parts.length > 3) return `invalid spec: ${spec}: too many colons`;
  if (parts.length === 1) return { type: 'volume', target: spec };
  const [source = '', target = '', options] = parts;
  const volume: VolumeMountFile = { type: isFilePath(source) ? 'bind' : 'volume', source, target };
  for (const option of options?.split(',') ?? []) {
    if (option === 'ro') volume.read_only = true;
    else if (option === 'rw') volume.read_only = false;
    else if (option === 'nocopy') volume.volume = { nocopy: true };
    else if (PROPAGATIONS.has(option)) volume.bind = { propagation: option };
  }
  return volume;
}

function isFilePath(source: string): boolean {
  return source.startsWith('.') || source.startsWith('/') || source.startsWith('~');
}
