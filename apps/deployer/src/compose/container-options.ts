import type { ConvertContext } from './context.js';
import { joinPath } from './issues.js';
import { compareStrings, scalarToString, sortedRecord, toMappingWithEquals } from './mappings.js';
import type { ComposeService, ListOrDict } from './model.js';
import { splitShellWords } from './shell-words.js';

/** command / entrypoint: a string is split like a shell would (docker uses shlex); a list passes as is. */
export function convertShellCommand(
  ctx: ConvertContext,
  path: string,
  value: string | string[] | null | undefined,
): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.length > 0 ? value.map(scalarToString) : undefined;
  const words = splitShellWords(value);
  if (words === undefined) ctx.issues.add(path, 'unterminated quote or escape');
  return words !== undefined && words.length > 0 ? words : undefined;
}

/**
 * environment → sorted `KEY=value` strings, as docker: a variable without a value (`KEY`) or with an empty
 * one (`KEY=`) takes its value from `env` when set there; otherwise `KEY` stays bare.
 */
export function convertEnvironment(
  ctx: ConvertContext,
  environment: ListOrDict | undefined,
): string[] | undefined {
  const out: string[] = [];
  for (const [key, value] of toMappingWithEquals(environment)) {
    const fromEnv = Object.hasOwn(ctx.env, key) ? ctx.env[key] : undefined;
    const resolved = (value === null || value === '') && fromEnv !== undefined ? fromEnv : value;
    out.push(resolved === null ? key : `${key}=${resolved}`);
  }
  return out.length > 0 ? out.sort(compareStrings) : undefined;
}

/**
 * extra_hosts (list `host:ip` / `host=ip`, or mapping) → swarm's `ip host` lines, in order (a mapping is
 * sorted first, as docker does); brackets around IPv6 addresses are dropped.
 */
export function convertExtraHosts(
  ctx: ConvertContext,
  path: string,
  value: ListOrDict | undefined,
): string[] | undefined {
  if (value === undefined) return undefined;
  const pairs: [string, string][] = [];
  if (Array.isArray(value)) {
    value.forEach((entry, index) => {
      const eq = entry.indexOf('=');
      const colon = entry.indexOf(':');
      const at = eq !== -1 ? eq : colon;
      if (at === -1) ctx.issues.add(joinPath(path, index), `expected host:ip or host=ip, got "${entry}"`);
      else pairs.push([entry.slice(0, at), entry.slice(at + 1)]);
    });
  } else {
    const lines = Object.entries(value)
      .filter(([, ip]) => ip !== null)
      .map(([host, ip]) => `${host}:${scalarToString(ip)}`)
      .sort(compareStrings);
    for (const line of lines) {
      const at = line.indexOf(':');
      pairs.push([line.slice(0, at), line.slice(at + 1)]);
    }
  }
  const hosts = pairs.map(([host, rawIp]) => {
    const ip = rawIp.length > 2 && rawIp.startsWith('[') && rawIp.endsWith(']') ? rawIp.slice(1, -1) : rawIp;
    return `${ip} ${host}`;
  });
  return hosts.length > 0 ? hosts : undefined;
}

/** dns / dns_search → DNSConfig; nameservers that are not IP addresses are dropped, as docker does. */
export function convertDnsConfig(
  service: ComposeService,
): { Nameservers?: string[]; Search?: string[] } | undefined {
  const dns = service.dns === undefined ? [] : [service.dns].flat();
  const search = service.dns_search === undefined ? [] : [service.dns_search].flat();
  if (dns.length === 0 && search.length === 0) return undefined;
  const nameservers = dns.filter(isIpAddress);
  return {
    ...(nameservers.length > 0 ? { Nameservers: nameservers } : {}),
    ...(search.length > 0 ? { Search: search } : {}),
  };
}

function isIpAddress(text: string): boolean {
  if (/^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(text)) return true;
  return text.includes(':') && /^[0-9a-fA-F:.]+(%[\w.-]+)?$/.test(text) && text.split('::').length <= 2;
}

/** Normalises a capability as docker does: upper case, `CAP_` prefix, `ALL` kept. */
export function normalizeCapability(capability: string): string {
  const upper = capability.trim().toUpperCase();
  if (upper === 'ALL' || upper === 'RESET') return upper;
  return upper.startsWith('CAP_') ? upper : `CAP_${upper}`;
}

/** cap_add / cap_drop → effective, de-duplicated, sorted lists (add wins over drop; ALL trumps others). */
export function effectiveCapabilities(
  add: string[] = [],
  drop: string[] = [],
): { add: string[]; drop: string[] } {
  let addSet = new Set(add.map(normalizeCapability));
  let dropSet = new Set(drop.map(normalizeCapability));
  if (addSet.has('ALL')) addSet = new Set(['ALL']);
  if (dropSet.has('ALL')) dropSet = new Set(['ALL']);
  const capAdd = [...addSet].filter((c) => c !== 'RESET').sort(compareStrings);
  const capDrop = [...dropSet].filter((c) => !addSet.has(c) && c !== 'RESET').sort(compareStrings);
  return { add: capAdd, drop: capDrop };
}

/** ulimits → sorted by name; a single number sets soft and hard. */
export function convertUlimits(
  ulimits: ComposeService['ulimits'],
): { Name: string; Soft: number; Hard: number }[] | undefined {
  if (ulimits === undefined) return undefined;
  const out = Object.entries(ulimits)
    .filter(([name]) => !name.startsWith('x-'))
    .map(([name, limit]) =>
      typeof limit === 'number'
        ? { Name: name, Soft: limit, Hard: limit }
        : { Name: name, Soft: limit.soft, Hard: limit.hard },
    )
    .sort((a, b) => compareStrings(a.Name, b.Name));
  return out.length > 0 ? out : undefined;
}

/** logging → LogDriver; option values as strings (null becomes ""). */
export function convertLogging(
  logging: ComposeService['logging'],
): { Name?: string; Options?: Record<string, string> } | undefined {
  if (logging === undefined) return undefined;
  const options: Record<string, string> = {};
  for (const [key, value] of Object.entries(logging.options ?? {}))
    options[key] = value === null ? '' : scalarToString(value);
  return {
    ...(logging.driver ? { Name: logging.driver } : {}),
    ...(logging.options !== undefined ? { Options: sortedRecord(options) } : {}),
  };
}
