import type { MiddlewareHandler } from 'hono';

/** An allowed Host: a hostname, and a port unless any port is allowed. */
export interface HostRule {
  hostname: string;
  port?: string;
}

/** Parses `name` or `name:port` (IPv6 in brackets) into a rule. */
export function parseHostRule(text: string): HostRule {
  const url = new URL(`http://${text.trim().toLowerCase()}`);
  const explicitPort = /:\d+$/.test(text.trim());
  return explicitPort
    ? { hostname: url.hostname, port: url.port === '' ? '80' : url.port }
    : { hostname: url.hostname };
}

/** The default allow-list: loopback names at the listener's port. */
export function defaultHostRules(port: number): HostRule[] {
  return ['localhost', '127.0.0.1', '[::1]'].map((hostname) => ({ hostname, port: String(port) }));
}

/** Whether a Host header value is allowed. */
export function hostAllowed(
  header: string | undefined,
  rules: readonly HostRule[],
  defaultPort = '80',
): boolean {
  if (header === undefined || header === '') return false;
  let url: URL;
  try {
    url = new URL(`http://${header.toLowerCase()}`);
  } catch {
    return false;
  }
  const port = url.port === '' ? defaultPort : url.port;
  return rules.some((r) => r.hostname === url.hostname && (r.port === undefined || r.port === port));
}

/** Whether an Origin header is allowed: absent (non-browser clients) or a listed hostname. */
export function originAllowed(header: string | undefined, hostnames: readonly string[]): boolean {
  if (header === undefined || header === '') return true;
  try {
    const url = new URL(header);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      hostnames.includes(url.hostname.toLowerCase())
    );
  } catch {
    return false;
  }
}

/**
 * DNS rebinding protection: refuses (403, a JSON-RPC error) a request whose Host is not in the
 * allow-list or whose Origin, when present, is not an allowed hostname.
 */
export function hostOriginCheck(options: {
  hosts: readonly HostRule[];
  originHostnames: readonly string[];
  tls: boolean;
}): MiddlewareHandler {
  const defaultPort = options.tls ? '443' : '80';
  return async (c, next) => {
    const host = c.req.header('host');
    const origin = c.req.header('origin');
    let message: string | undefined;
    if (!hostAllowed(host, options.hosts, defaultPort)) message = `Host not allowed: ${host ?? '(none)'}`;
    else if (!originAllowed(origin, options.originHostnames)) message = `Origin not allowed: ${origin}`;
    if (message === undefined) return next();
    return c.json(
      { jsonrpc: '2.0', error: { code: -32000, message: `FORBIDDEN: ${message}` }, id: null },
      403,
    );
  };
}
