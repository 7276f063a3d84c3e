import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { CryptoKey, JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJwtVerifier } from './jwt-verifier.js';

const ISSUER = 'https://issuer.test';
const AUDIENCE = 'https://swarmops.test/mcp';
const KID = 'k1';

describe('OAuth JWT verifier against a JWKS served over HTTP', () => {
  let server: Server;
  let jwksUri = '';
  let fetches = 0;
  let key: CryptoKey;
  let otherKey: CryptoKey;

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    key = pair.privateKey;
    otherKey = (await generateKeyPair('ES256')).privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: KID, alg: 'ES256', use: 'sig' };
    server = createServer((_req, res) => {
      fetches++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function sign(
    claims: JWTPayload,
    {
      signer = key,
      iss = ISSUER,
      aud = AUDIENCE,
      exp = '5m',
      nbf,
    }: {
      signer?: CryptoKey;
      iss?: string;
      aud?: string;
      exp?: string | number;
      nbf?: number;
    } = {},
  ): Promise<string> {
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: KID })
      .setIssuer(iss)
      .setAudience(aud)
      .setSubject('alice')
      .setIssuedAt()
      .setExpirationTime(exp);
    if (nbf !== undefined) jwt.setNotBefore(nbf);
    return jwt.sign(signer);
  }

  const verifier = () =>
    createJwtVerifier({ issuer: ISSUER, audience: AUDIENCE, jwksUri, clockToleranceSec: 0 });
  const nowSec = () => Math.floor(Date.now() / 1000);

  it('accepts a good token, mapping the highest scope to a role and keeping the stack claim', async () => {
    const principal = await verifier().verify(
      await sign({
        scope: 'openid swarmops:read swarmops:operator',
        client_id: 'claude',
        swarmops_stacks: ['shop'],
      }),
    );
    expect(principal).toEqual({
      id: 'oauth:alice',
      kind: 'oauth',
      clientId: 'claude',
      role: 'operator',
      stacks: ['shop'],
    });
  });

  it('caches the JWKS instead of fetching it for every token', async () => {
    const v = verifier();
    const before = fetches;
    for (let i = 0; i < 5; i++) await v.verify(await sign({ scope: 'swarmops:admin' }));
    expect(fetches - before).toBe(1);
  });

  it('refuses an expired token', async () => {
    const jwt = await sign({ scope: 'swarmops:admin' }, { exp: nowSec() - 60 });
    await expect(verifier().verify(jwt)).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      details: { reason: 'expired' },
    });
  });

  it('refuses a token whose nbf is in the future', async () => {
    const jwt = await sign({ scope: 'swarmops:admin' }, { nbf: nowSec() + 600 });
    await expect(verifier().verify(jwt)).rejects.toMatchObject({ details: { reason: 'not_yet_valid' } });
  });

  it('refuses a token for another audience', async () => {
    const jwt = await sign({ scope: 'swarmops:admin' }, { aud: 'https://elsewhere.test/mcp' });
    await expect(verifier().verify(jwt)).rejects.toMatchObject({ details: { reason: 'wrong_audience' } });
  });

  it('refuses a token from another issuer', async () => {
    const jwt = await sign({ scope: 'swarmops:admin' }, { iss: 'https://evil.test' });
    await expect(verifier().verify(jwt)).rejects.toMatchObject({ details: { reason: 'wrong_issuer' } });
  });

  it('refuses a token signed by another key', async () => {
    const jwt = await sign({ scope: 'swarmops:admin' }, { signer: otherKey });
    await expect(verifier().verify(jwt)).rejects.toMatchObject({ details: { reason: 'bad_signature' } });
  });

  it('refuses a tampered payload', async () => {
    const [h, , s] = (await sign({ scope: 'swarmops:read' })).split('.');
    const forged = Buffer.from(
      JSON.stringify({
        sub: 'alice',
        iss: ISSUER,
        aud: AUDIENCE,
        exp: nowSec() + 300,
        scope: 'swarmops:admin',
      }),
    ).toString('base64url');
    await expect(verifier().verify(`${h}.${forged}.${s}`)).rejects.toMatchObject({
      details: { reason: 'bad_signature' },
    });
  });

  it('refuses a token without exp and a token without any swarmops scope', async () => {
    const noExp = await new SignJWT({ scope: 'swarmops:admin' })
      .setProtectedHeader({ alg: 'ES256', kid: KID })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('alice')
      .sign(key);
    await expect(verifier().verify(noExp)).rejects.toMatchObject({ details: { reason: 'malformed' } });
    await expect(verifier().verify(await sign({ scope: 'openid' }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'insufficient_scope' },
    });
  });

  it('reports an unreachable JWKS as UNAVAILABLE, not as the caller being wrong', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const v = createJwtVerifier({
      issuer: ISSUER,
      audience: AUDIENCE,
      jwksUri: `http://127.0.0.1:${port}/jwks`,
    });
    await expect(v.verify(await sign({ scope: 'swarmops:admin' }))).rejects.toMatchObject({
      code: 'UNAVAILABLE',
    });
  });
});
