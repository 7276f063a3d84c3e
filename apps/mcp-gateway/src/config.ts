import { z } from 'zod';
import { CommonConfigSchema, envDurationMs, envPort, loadConfig } from '@swarmops/runtime';
import type { Env } from '@swarmops/runtime';

const csv = z
  .string()
  .trim()
  .transform((text) =>
    text
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== ''),
  );

/** The gateway's environment. Parsed in `main`/`stdio`, never at import time. */
export const ConfigSchema = CommonConfigSchema.extend({
  /** Interface of the Streamable HTTP listener (`/mcp`, `/healthz`, `/readyz`, `/metrics`). */
  MCP_HTTP_HOST: z.string().trim().min(1).default('127.0.0.1'),
  /** Port of the Streamable HTTP listener; fixed at 7070 by the design. */
  MCP_HTTP_PORT: envPort().default(7070),
  /**
   * Host header values accepted (DNS rebinding protection): `name` (any port) or `name:port`.
   * Default: localhost, 127.0.0.1 and [::1] at MCP_HTTP_PORT.
   */
  MCP_ALLOWED_HOSTS: csv.optional(),
  /** Origin header hostnames accepted when a browser sends one. Default: localhost, 127.0.0.1, [::1]. */
  MCP_ALLOWED_ORIGINS: csv.optional(),
  /** PEM certificate and key files: serve HTTPS with TLS 1.3 only. Both or neither. */
  MCP_TLS_CERT: z.string().trim().min(1).optional(),
  MCP_TLS_KEY: z.string().trim().min(1).optional(),
  /**
   * This server's public base URL (the OAuth resource is `<base>/mcp`); default derived from the
   * listener (`http://127.0.0.1:7070`). Set it behind a proxy or with a DNS name.
   */
  MCP_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** OAuth 2.1 authorization server(s) whose JWT access tokens are accepted; advertised in RFC 9728 metadata. */
  MCP_OAUTH_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  /** The issuer's JWKS URL; default `<issuer>/.well-known/jwks.json`. */
  MCP_OAUTH_JWKS_URI: z.url({ protocol: /^https?$/ }).optional(),
  /** Timeout of each NATS request a tool makes. */
  MCP_REQUEST_TIMEOUT_MS: envDurationMs().default(5_000),
  /** Sustained tool calls per second per principal, and the burst allowed after idling. */
  MCP_RATE_LIMIT_PER_SECOND: z.coerce.number().positive().default(10),
  MCP_RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(40),
  /** The token the stdio transport authenticates with (`./swarmops mcp` reads .swarmops/admin.token). */
  SWARMOPS_TOKEN: z.string().trim().min(1).optional(),
}).refine((c) => (c.MCP_TLS_CERT === undefined) === (c.MCP_TLS_KEY === undefined), {
  message: 'set both MCP_TLS_CERT and MCP_TLS_KEY, or neither',
  path: ['MCP_TLS_CERT'],
});
export type Config = z.infer<typeof ConfigSchema>;

/** Parses the gateway config from `env`; throws a ConfigError naming each bad variable. */
export function loadGatewayConfig(env: Env = process.env): Config {
  return loadConfig(ConfigSchema, env);
}

/** The listener's base URL as clients should see it. */
export function publicBaseUrl(config: Config): string {
  if (config.MCP_PUBLIC_URL !== undefined) return config.MCP_PUBLIC_URL.replace(/\/+$/, '');
  const scheme = config.MCP_TLS_CERT === undefined ? 'http' : 'https';
  const host = config.MCP_HTTP_HOST.includes(':') ? `[${config.MCP_HTTP_HOST}]` : config.MCP_HTTP_HOST;
  return `${scheme}://${host}:${config.MCP_HTTP_PORT}`;
}
