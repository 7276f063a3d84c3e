import { isIP } from 'node:net';

import { warnUnsupported, type ConvertContext } from './context.js';
import type { EnginePortConfig } from './engine-types.js';
import { joinPath } from './issues.js';
import type { PortFile } from './model.js';

const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);
const MODES = new Set(['ingress', 'host']);

/**
 * Service ports → EndpointSpec ports, as docker stack deploy converts them: short syntax
 * (`[ip:]published:target[/proto]`, ranges on either side) is always ingress; long syntax passes
 * mode and protocol through (absent = the engine's defaults, ingress and tcp). Sorted like docker
 * (published, target, protocol, mode). A host IP is ignored by swarm, with a warning.
 */
export function convertPorts(
  ctx: ConvertContext,
  path: string,
  ports: (number | string | PortFile)[] | undefined,
): EnginePortConfig[] {
  const out: EnginePortConfig[] = [];
  (ports ?? []).forEach((port, index) => {
    const at = joinPath(path, index);
    if (typeof port === 'object') out.push(...longPort(ctx, at, port));
    else out.push(...shortPort(ctx, at, String(port)));
  });
  return out.sort(comparePorts);
}

function comparePorts(a: EnginePortConfig, b: EnginePortConfig): number {
  return (
    (a.PublishedPort ?? 0) - (b.PublishedPort ?? 0) ||
    a.TargetPort - b.TargetPort ||
    cmp(a.Protocol ?? '', b.Protocol ?? '') ||
    cmp(a.PublishMode ?? '', b.PublishMode ?? '')
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function shortPort(ctx: ConvertContext, path: string, spec: string): EnginePortConfig[] {
  const parts = spec.split(':');
  const containerPart = parts[parts.length - 1] ?? '';
  const hostPart = parts.length >= 2 ? (parts[parts.length - 2] ?? '') : '';
  const ip = parts.length >= 3 ? parts.slice(0, -2).join(':') : '';
  const slash = containerPart.indexOf('/');
  const containerPorts = slash === -1 ? containerPart : containerPart.slice(0, slash);
  const protocol = (slash === -1 ? 'tcp' : containerPart.slice(slash + 1)).toLowerCase();
  if (containerPorts === '') return fail(ctx, path, `no port specified in "${spec}"`);
  if (!PROTOCOLS.has(protocol)) return fail(ctx, path, `invalid protocol "${protocol}" (tcp, udp or sctp)`);
  if (ip !== '' && isIP(ip.replace(/^\[(.*)\]$/, '$1')) === 0)
    return fail(ctx, path, `invalid IP address "${ip}"`);
  if (ip !== '') {
    warnUnsupported(ctx, path, `host IP ${ip} is ignored in swarm mode; the port listens on all addresses`);
  }
  const target = parseRange(containerPorts);
  if (target === undefined) return fail(ctx, path, `invalid container port "${containerPorts}"`);
  const published = hostPart === '' ? undefined : parseRange(hostPart);
  if (hostPart !== '' && published === undefined)
    return fail(ctx, path, `invalid published port "${hostPart}"`);
  const targetCount = target[1] - target[0];
  if (published !== undefined && published[1] - published[0] !== targetCount && targetCount !== 0) {
    return fail(
      ctx,
      path,
      `invalid ranges for container and published ports: ${containerPorts} and ${hostPart}`,
    );
  }
  const out: EnginePortConfig[] = [];
  for (let i = 0; i <= targetCount; i++) {
    const targetPort = target[0] + i;
    // One container port with a published range publishes every port of that range (docker does so).
    const hosts: (number | undefined)[] =
      published === undefined
        ? [undefined]
        : targetCount === 0
          ? range(published[0], published[1])
          : [published[0] + i];
    for (const publishedPort of hosts) {
      out.push({
        Protocol: protocol,
        TargetPort: targetPort,
        ...(publishedPort ? { PublishedPort: publishedPort } : {}),
        PublishMode: 'ingress',
      });
    }
  }
  return out;
}

function longPort(ctx: ConvertContext, path: string, port: PortFile): EnginePortConfig[] {
  if (port.host_ip !== undefined) {
    warnUnsupported(ctx, joinPath(path, 'host_ip'), 'host_ip is ignored in swarm mode');
  }
  for (const key of ['name', 'app_protocol'] as const) {
    if (port[key] !== undefined) warnUnsupported(ctx, joinPath(path, key), `${key} is ignored by swarm`);
  }
  if (port.target === undefined) return fail(ctx, joinPath(path, 'target'), 'is required');
  if (!validPort(port.target)) return fail(ctx, joinPath(path, 'target'), 'must be a port number (1-65535)');
  if (port.mode !== undefined && !MODES.has(port.mode))
    return fail(ctx, joinPath(path, 'mode'), 'expected ingress or host');
  if (port.protocol !== undefined && !PROTOCOLS.has(port.protocol.toLowerCase())) {
    return fail(ctx, joinPath(path, 'protocol'), 'expected tcp, udp or sctp');
  }
  let published: [number, number] | undefined;
  if (port.published !== undefined && port.published !== '') {
    published = parseRange(String(port.published));
    if (published === undefined)
      return fail(ctx, joinPath(path, 'published'), `invalid published port "${port.published}"`);
  }
  const base = { ...(port.protocol ? { Protocol: port.protocol } : {}), TargetPort: port.target };
  const mode = port.mode ? { PublishMode: port.mode } : {};
  if (published === undefined) return [{ ...base, ...mode }];
  return range(published[0], published[1]).map((p) => ({
    ...base,
    ...(p ? { PublishedPort: p } : {}),
    ...mode,
  }));
}

function parseRange(text: string): [number, number] | undefined {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (match === null) return undefined;
  const start = Number(match[1]);
  const end = match[2] === undefined ? start : Number(match[2]);
  if (!validPort(start, true) || !validPort(end, true) || end < start) return undefined;
  return [start, end];
}

function validPort(port: number, allowZero = false): boolean {
  return Number.isInteger(port) && port <= 65535 && (allowZero ? port >= 0 : port >= 1);
}

function range(start: number, end: number): number[] {
  return Array.from({ length: end - start + 1 }, (_, i) => start + i);
}

function fail(ctx: ConvertContext, path: string, message: string): EnginePortConfig[] {
  ctx.issues.add(path, message);
  return [];
}
