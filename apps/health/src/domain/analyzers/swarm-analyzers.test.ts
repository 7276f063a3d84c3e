import { describe, expect, it } from 'vitest';
import { contextAt, loadClusterFixture, shortLivedCaPem } from '../__fixtures__/cluster/load.js';
import { objectAgeAnalyzer } from './object-age.js';
import { parseCertificates, swarmCaExpiryAnalyzer } from './swarm-ca-expiry.js';
import { swarmNodeCertAnalyzer } from './swarm-node-cert.js';

const DAY = 86_400_000;

describe('swarm.ca-expiry', () => {
  it('is ok for the recorded root CA and shows its validity', () => {
    const s = loadClusterFixture('lab-healthy');
    const [result] = swarmCaExpiryAnalyzer.analyze(s, contextAt(s));
    expect(result).toMatchObject({ status: 'ok', subject: 'cluster' });
    expect(result?.message).toMatch(/^the swarm root CA is valid until 2046-.* \(7\d\d\d days\)$/);
    expect(result?.evidence?.certificates).toEqual([
      expect.objectContaining({
        subject: 'CN=swarm-ca',
        fingerprint256: expect.stringMatching(/^([0-9A-F]{2}:){31}/) as unknown,
      }),
    ]);
  });

  it('warns within certWarnDays, fails within certFailDays and is critical once expired', () => {
    const s = loadClusterFixture('lab-healthy');
    const [cert] = parseCertificates(s.swarm!.trustRootPem!);
    const validTo = Date.parse(cert!.validTo);
    const at = (daysBefore: number) => contextAt(s, { now: new Date(validTo - daysBefore * DAY) });
    expect(swarmCaExpiryAnalyzer.analyze(s, at(20))[0]).toMatchObject({ status: 'warn', severity: 'medium' });
    expect(swarmCaExpiryAnalyzer.analyze(s, at(3))[0]).toMatchObject({
      status: 'fail',
      severity: 'high',
      message: `the swarm root CA expires in 3 day(s), on ${cert!.validTo}`,
    });
    const [expired] = swarmCaExpiryAnalyzer.analyze(s, at(-1));
    expect(expired).toMatchObject({ status: 'fail', severity: 'critical' });
    expect(expired?.fix).toContain('docker swarm ca --rotate');
  });

  it('fails for a short-lived CA made with openssl, and the nearest expiry of two roots decides', () => {
    const s = loadClusterFixture('lab-healthy');
    const recorded = s.swarm!.trustRootPem!;
    s.swarm!.trustRootPem = `${recorded}${shortLivedCaPem()}`;
    const [result] = swarmCaExpiryAnalyzer.analyze(s, contextAt(s));
    expect(result).toMatchObject({ status: 'fail', severity: 'high' });
    expect(result?.message).toContain('2026-12-02T19:42:58.000Z');
    expect(result?.evidence?.certificates).toHaveLength(2);
  });

  it('warns that it could not run when the swarm could not be inspected (recorded after the quorum loss)', () => {
    const s = loadClusterFixture('lab-quorum-lost');
    expect(s.swarm).toBeNull();
    expect(swarmCaExpiryAnalyzer.analyze(s, contextAt(s))).toEqual([
      expect.objectContaining({
        status: 'warn',
        severity: 'low',
        message: 'could not inspect the swarm, so its root CA was not checked',
      }),
    ]);
  });
});

describe('swarm.node-cert', () => {
  it('is ok for the recorded 90-day default', () => {
    const s = loadClusterFixture('lab-healthy');
    expect(swarmNodeCertAnalyzer.analyze(s, contextAt(s))[0]).toMatchObject({
      status: 'ok',
      message: 'node certificates are issued for 90 days and renewed automatically',
    });
  });

  it('warns medium below certFailDays and high below one hour', () => {
    const s = loadClusterFixture('lab-healthy');
    s.swarm!.nodeCertExpirySeconds = 2 * 86_400;
    expect(swarmNodeCertAnalyzer.analyze(s, contextAt(s))[0]).toMatchObject({
      status: 'warn',
      severity: 'medium',
      message:
        'node certificates are valid for only 2 days: a node offline longer than that comes back with an expired certificate and must rejoin',
    });
    s.swarm!.nodeCertExpirySeconds = 1800;
    expect(swarmNodeCertAnalyzer.analyze(s, contextAt(s))[0]).toMatchObject({
      status: 'warn',
      severity: 'high',
    });
  });

  it('warns that it could not run without swarm facts', () => {
    const s = loadClusterFixture('lab-quorum-lost');
    expect(swarmNodeCertAnalyzer.analyze(s, contextAt(s))[0]).toMatchObject({
      status: 'warn',
      severity: 'low',
    });
  });
});

describe('object.age', () => {
  it('is ok for the recorded secret and config', () => {
    const s = loadClusterFixture('lab-healthy');
    expect(objectAgeAnalyzer.analyze(s, contextAt(s))[0]).toMatchObject({
      status: 'ok',
      message: 'all 1 secret(s) and 1 config(s) are younger than 90 days',
    });
  });

  // A createdAt 90 days in the past cannot be made for real (Docker stamps it): the clock moves instead.
  it('warns per object older than objectMaxAgeDays, with createdAt, age and a rotation fix', () => {
    const s = loadClusterFixture('lab-healthy');
    const later = new Date(Date.parse(s.secrets[0]!.createdAt) + 92 * DAY);
    const results = objectAgeAnalyzer.analyze(s, contextAt(s, { now: later }));
    expect(results).toEqual([
      expect.objectContaining({
        status: 'warn',
        severity: 'medium',
        subject: 'secret:shop_db_password',
        message:
          'secret shop_db_password was created 92 days ago, more than the 90 days allowed before rotation',
        evidence: expect.objectContaining({
          createdAt: s.secrets[0]!.createdAt,
          ageDays: 92,
          stack: 'shop',
        }) as unknown,
      }),
      expect.objectContaining({ status: 'warn', severity: 'low', subject: 'config:shop_web_conf' }),
    ]);
    expect(results[0]?.fix).toContain('redeploy stack shop');
  });

  it('gives docker commands for objects outside a stack', () => {
    const s = loadClusterFixture('single-node');
    const oldest = [...s.secrets, ...s.configs].map((o) => Date.parse(o.createdAt)).sort()[0]!;
    const results = objectAgeAnalyzer.analyze(s, contextAt(s, { now: new Date(oldest + 100 * DAY) }));
    const unstacked = results.find((r) => r.evidence?.stack === null);
    expect(unstacked?.fix).toMatch(/^docker (secret|config) create /);
  });
});
