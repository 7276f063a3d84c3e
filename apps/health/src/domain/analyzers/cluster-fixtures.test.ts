import { describe, expect, it } from 'vitest';
import {
  CheckResultSchema,
  ClusterSummarySchema,
  ConfigMetaSchema,
  NodeSchema,
  SecretMetaSchema,
  ServiceSchema,
  TaskSchema,
} from '@swarmops/contracts';
import { CLUSTER_FIXTURES, contextAt, loadClusterFixture } from '../__fixtures__/cluster/load.js';
import { runAnalyzers } from '../run-analyzers.js';
import { NODE_ANALYZERS } from './node-analyzers.js';

describe('recorded cluster fixtures', () => {
  it.each(CLUSTER_FIXTURES)('%s matches the inventory contracts it was recorded from', (name) => {
    const s = loadClusterFixture(name);
    for (const n of s.nodes) NodeSchema.parse(n);
    for (const svc of s.services) {
      ServiceSchema.parse(svc);
      expect(svc.spec).toHaveProperty('TaskTemplate');
    }
    for (const t of s.tasks) TaskSchema.parse(t);
    for (const c of s.configs) ConfigMetaSchema.parse(c);
    for (const c of s.secrets) SecretMetaSchema.parse(c);
    ClusterSummarySchema.parse(s.summary);
  });

  it.each(CLUSTER_FIXTURES)(
    '%s: every result is a valid check; warn and fail carry evidence and a fix',
    (name) => {
      const s = loadClusterFixture(name);
      for (const analyzer of NODE_ANALYZERS) {
        const results = analyzer.analyze(s, contextAt(s));
        expect(results.length).toBeGreaterThan(0);
        for (const r of results) {
          CheckResultSchema.parse(r);
          expect(r.id).toBe(analyzer.id);
          if (r.status === 'ok') {
            // Convention: one ok line on `cluster` when nothing is wrong.
            expect(results).toEqual([r]);
            expect(r.subject).toBe('cluster');
          } else {
            expect(r.evidence, `${r.id} ${r.subject}`).toBeDefined();
            expect(r.fix, `${r.id} ${r.subject}`).toMatch(/\S/);
          }
        }
      }
    },
  );

  it('a healthy 4-node lab with 3 managers passes every cluster check', () => {
    const s = loadClusterFixture('lab-healthy');
    const result = runAnalyzers(NODE_ANALYZERS, s, contextAt(s), { scope: 'cluster' });
    expect(result.checks.filter((c) => c.status !== 'ok')).toEqual([]);
    expect(result.status).toBe('healthy');
    expect(result.checks).toHaveLength(NODE_ANALYZERS.length);
  });

  it('a killed worker engine makes the verdict degraded with node.status failing for that node only', () => {
    const s = loadClusterFixture('lab-worker-down');
    const result = runAnalyzers(NODE_ANALYZERS, s, contextAt(s), { scope: 'cluster' });
    expect(result.status).toBe('degraded');
    expect(result.checks.filter((c) => c.status !== 'ok').map((c) => `${c.id}|${c.subject}`)).toEqual([
      'node.status|node:swl-n4',
    ]);
  });

  it('a lost manager quorum makes the verdict unhealthy', () => {
    const s = loadClusterFixture('lab-quorum-lost');
    const result = runAnalyzers(NODE_ANALYZERS, s, contextAt(s), { scope: 'cluster' });
    expect(result.status).toBe('unhealthy');
    const failing = result.checks.filter((c) => c.status !== 'ok').map((c) => `${c.id}|${c.subject}`);
    expect(failing).toEqual(
      expect.arrayContaining([
        'manager.quorum|cluster',
        'node.status|node:swl-n3',
        'manager.leader|node:swl-n2',
        'manager.leader|node:swl-n3',
        'swarm.ca-expiry|cluster',
        'platform.inventory|platform:inventory',
      ]),
    );
  });

  it('a node-scoped run shows an ok line for each node analyzer that found nothing about it', () => {
    const s = loadClusterFixture('lab-worker-down');
    const result = runAnalyzers(NODE_ANALYZERS, s, contextAt(s), { scope: 'node', target: 'swl-n1' });
    expect(result.status).toBe('healthy');
    expect(result.checks.map((c) => c.id)).toEqual(
      expect.arrayContaining(['node.status', 'node.availability', 'node.reservations']),
    );
  });
});
