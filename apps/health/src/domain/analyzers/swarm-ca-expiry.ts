import { X509Certificate } from 'node:crypto';
import type { CheckResult } from '@swarmops/contracts';
import type { Analyzer } from '../analyzer.js';
import { okResult } from './cluster-results.js';

const ID = 'swarm.ca-expiry';
const DAY = 86_400_000;

/** One root CA certificate of the swarm, as the evidence shows it. */
export interface CaCertificate {
  subject: string;
  serialNumber: string;
  validFrom: string;
  validTo: string;
  fingerprint256: string;
}

// The trust root rarely changes: parse it once per distinct PEM (runs come every few seconds).
let lastParsed: { pem: string; certs: CaCertificate[] } | null = null;

/** The certificates of a PEM bundle (the trust root holds two while a rotation is in progress). */
export function parseCertificates(pem: string): CaCertificate[] {
  if (lastParsed?.pem !== pem) lastParsed = { pem, certs: parsePem(pem) };
  return lastParsed.certs;
}

function parsePem(pem: string): CaCertificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) => {
    const cert = new X509Certificate(block);
    return {
      subject: cert.subject.replace(/\n/g, ', '),
      serialNumber: cert.serialNumber,
      validFrom: new Date(cert.validFrom).toISOString(),
      validTo: new Date(cert.validTo).toISOString(),
      fingerprint256: cert.fingerprint256,
    };
  });
}

/** The swarm root CA: expired (critical), expiring within certFailDays (fail) or certWarnDays (warn). */
export const swarmCaExpiryAnalyzer: Analyzer = {
  id: ID,
  title: 'swarm root CA expiry',
  subjectKind: 'cluster',
  analyze(snapshot, { now, settings }) {
    if (snapshot.swarm === null || snapshot.swarm.trustRootPem === null) {
      return [
        {
          id: ID,
          status: 'warn',
          severity: 'low',
          subject: 'cluster',
          message:
            snapshot.swarm === null
              ? 'could not inspect the swarm, so its root CA was not checked'
              : 'the swarm reported no root CA certificate',
          evidence: { swarmInspected: snapshot.swarm !== null },
          fix: 'check that health reaches a manager engine (DOCKER_HOST) and that the swarm has a leader; docker swarm inspect must answer',
        },
      ];
    }
    const certs = parseCertificates(snapshot.swarm.trustRootPem).map((c) => ({
      ...c,
      daysLeft: Math.floor((Date.parse(c.validTo) - now.getTime()) / DAY),
    }));
    if (certs.length === 0) throw new Error('the swarm trust root holds no PEM certificate');
    const worst = certs.reduce((a, b) => (b.daysLeft < a.daysLeft ? b : a));
    const evidence = {
      certificates: certs,
      certWarnDays: settings.certWarnDays,
      certFailDays: settings.certFailDays,
    };
    const fix =
      'rotate the root CA before it expires: docker swarm ca --rotate (or, with an external CA, docker swarm ca --rotate --ca-cert <pem> --ca-key <key>); nodes get new certificates automatically';
    const result = (status: CheckResult['status'], severity: CheckResult['severity'], message: string) => [
      { id: ID, status, severity, subject: 'cluster', message, evidence, fix },
    ];
    if (worst.daysLeft < 0) {
      return result(
        'fail',
        'critical',
        `the swarm root CA expired on ${worst.validTo}: nodes cannot renew certificates or join`,
      );
    }
    if (worst.daysLeft < settings.certFailDays) {
      return result(
        'fail',
        'high',
        `the swarm root CA expires in ${worst.daysLeft} day(s), on ${worst.validTo}`,
      );
    }
    if (worst.daysLeft < settings.certWarnDays) {
      return result(
        'warn',
        'medium',
        `the swarm root CA expires in ${worst.daysLeft} days, on ${worst.validTo}`,
      );
    }
    return [
      okResult(ID, `the swarm root CA is valid until ${worst.validTo} (${worst.daysLeft} days)`, evidence),
    ];
  },
};
