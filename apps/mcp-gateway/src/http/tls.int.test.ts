import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:https';
import type { SecureVersion, TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEnvironment } from '../testing/environment.js';
import type { TestEnvironment } from '../testing/environment.js';

let env: TestEnvironment;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcp-tls-'));
  const [cert, key] = [join(dir, 'cert.pem'), join(dir, 'key.pem')];
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  env = await startEnvironment({ MCP_TLS_CERT: cert, MCP_TLS_KEY: key });
});
afterAll(async () => {
  await env?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function get(
  path: string,
  maxVersion: SecureVersion,
): Promise<{ status: number; protocol: string | null; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${env.gateway.baseUrl}${path}`, { rejectUnauthorized: false, maxVersion }, (res) => {
      const protocol = (res.socket as TLSSocket).getProtocol();
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, protocol, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('TLS on the gateway listener (MCP_TLS_CERT, MCP_TLS_KEY)', () => {
  it('serves HTTPS with TLS 1.3 and advertises the https resource', async () => {
    expect(env.gateway.baseUrl.startsWith('https://')).toBe(true);
    const res = await get('/.well-known/oauth-protected-resource', 'TLSv1.3');
    expect(res.status).toBe(200);
    expect(res.protocol).toBe('TLSv1.3');
    expect((JSON.parse(res.body) as { resource: string }).resource).toBe(`${env.gateway.baseUrl}/mcp`);
  });

  it('refuses a client limited to TLS 1.2', async () => {
    await expect(get('/healthz', 'TLSv1.2')).rejects.toThrow();
  });
});
