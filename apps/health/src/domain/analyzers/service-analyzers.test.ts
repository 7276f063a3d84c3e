import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYZER_SETTINGS } from '../analyzer.js';
import type { AnalyzerContext } from '../analyzer.js';
import { RECORDED_AT, service, serviceFixtures } from '../__fixtures__/services/load.js';
import { runAnalyzers } from '../run-analyzers.js';
import { SERVICE_ANALYZERS } from './service-analyzers.js';

const ctx: AnalyzerContext = { now: RECORDED_AT, settings: DEFAULT_ANALYZER_SETTINGS };

describe('the service analyzers on recorded inventory output', () => {
  it('each return one ok line on `cluster` for a healthy service', () => {
    const snapshot = serviceFixtures.healthy();
    for (const analyzer of SERVICE_ANALYZERS) {
      const results = analyzer.analyze(snapshot, ctx);
      expect(results, analyzer.id).toHaveLength(1);
      expect(results[0], analyzer.id).toMatchObject({ id: analyzer.id, status: 'ok', subject: 'cluster' });
      expect(results[0]!.message.length, analyzer.id).toBeGreaterThan(10);
    }
    expect(runAnalyzers(SERVICE_ANALYZERS, snapshot, ctx, { scope: 'cluster' }).status).toBe('healthy');
  });

  it('carry evidence and a fix on every warn and fail, and have distinct ids', () => {
    const snapshot = serviceFixtures.faults();
    const ids = SERVICE_ANALYZERS.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const analyzer of SERVICE_ANALYZERS) {
      for (const result of analyzer.analyze(snapshot, ctx)) {
        expect(result.id).toBe(analyzer.id);
        if (result.status === 'ok') continue;
        expect(result.subject, result.message).toMatch(/^service:fx-/);
        expect(result.evidence, result.message).toBeDefined();
        expect(result.fix, result.message).toMatch(/\S/);
      }
    }
  });

  it('make the cluster verdict unhealthy when a service runs nothing, and keep a healthy service healthy', () => {
    const snapshot = serviceFixtures.faults();
    const cluster = runAnalyzers(SERVICE_ANALYZERS, snapshot, ctx, { scope: 'cluster' });
    expect(cluster.status).toBe('unhealthy');
    const ok = runAnalyzers(SERVICE_ANALYZERS, snapshot, ctx, { scope: 'service', target: 'fx-ok' });
    expect(ok.status).toBe('healthy');
    expect(ok.checks.map((c) => c.id)).toEqual(SERVICE_ANALYZERS.map((a) => a.id));
    expect(ok.checks.every((c) => c.subject === 'service:fx-ok' && c.status === 'ok')).toBe(true);
  });

  it('flag each recorded fault under its own check', () => {
    const snapshot = serviceFixtures.faults();
    const failing = new Set<string>();
    for (const analyzer of SERVICE_ANALYZERS)
      for (const r of analyzer.analyze(snapshot, ctx))
        if (r.status !== 'ok') failing.add(`${r.id}|${r.subject}`);
    for (const key of [
      'service.replicas|service:fx-constraint',
      'service.pending|service:fx-constraint',
      'service.pending|service:fx-resources',
      'service.crash-loop|service:fx-crash',
      'service.healthcheck|service:fx-unhealthy',
      'service.update|service:fx-paused',
      'service.privileged|service:fx-sock',
    ])
      expect(failing, key).toContain(key);
    expect([...failing].filter((k) => k.endsWith('service:fx-ok'))).toEqual([]);
    expect(service(snapshot, 'ok').replicas).toEqual({ desired: 2, running: 2 });
  });
});
