import { describe, expect, it } from 'vitest';
import type { RestorePlan, RestoreResult, VerifyResult } from '@swarmops/contracts';
import {
  ITEMS_SHOWN,
  renderBackup,
  renderRestore,
  renderRestorePlan,
  renderVerify,
  size,
} from './render-backup.js';
import { MAX_TEXT_CHARS } from './render.js';

const ID = '20261127T224100Z-3f9a1c2b';
const plan = (items: RestorePlan['items'], source = 'c1'): RestorePlan => ({
  backupId: ID,
  sourceClusterId: source,
  targetClusterId: 'c1',
  stacks: null,
  services: null,
  items,
  counts: { create: 0, update: 0, unchanged: 0, skip: 0 },
});

describe('render backup', () => {
  it('sizes bytes readably', () => {
    expect(size(512)).toBe('512 B');
    expect(size(2048)).toBe('2.0 KiB');
    expect(size(5 * 1024 ** 3)).toBe('5.0 GiB');
  });

  it('renders the fixed backup_configs fields', () => {
    const text = renderBackup({
      backupId: ID,
      createdAt: '2026-11-27T22:41:00.000Z',
      location: '/b/x.tar.gz',
      sizeBytes: 4096,
      sha256: 'a'.repeat(64),
      counts: { stacks: 3, services: 12, networks: 4, configs: 2, secrets: 1 },
    });
    expect(text).toContain('3 stacks, 12 services, 4 networks, 2 configs, 1 secrets');
    expect(text).toContain(`4.0 KiB at /b/x.tar.gz (sha256 ${'a'.repeat(64)})`);
  });

  it('lists what a plan changes, says when it restores into another cluster, and bounds the list', () => {
    const items = Array.from({ length: ITEMS_SHOWN + 5 }, (_, i) => ({
      kind: 'service' as const,
      name: `s${i}`,
      stack: null,
      action: 'create' as const,
    }));
    const lines = renderRestorePlan(
      plan([...items, { kind: 'swarm', name: 'swarm', stack: null, action: 'unchanged' }], 'c0'),
    );
    expect(lines[0]).toContain('from cluster c0 into another cluster c1');
    expect(lines).toContain('- create service s0');
    expect(lines.at(-1)).toBe('… 5 more items in structuredContent.plan');
    expect(renderRestorePlan(plan([]))).toContain(
      'Nothing to change: the cluster already matches the backup.',
    );
  });

  it('renders an invalid archive with its problems and no plan', () => {
    const v: VerifyResult = {
      backupId: ID,
      valid: false,
      problems: [
        { code: 'decrypt-failed', part: null, message: 'cannot decrypt: wrong BACKUP_ENCRYPTION_KEY' },
      ],
      plan: null,
      manifest: null,
      verifiedAt: '2026-11-27T22:41:00.000Z',
      durationMs: 3,
    };
    expect(renderVerify(v)).toBe(
      `backup ${ID} is NOT valid: 1 problems; restore would refuse it\n- decrypt-failed: cannot decrypt: wrong BACKUP_ENCRYPTION_KEY`,
    );
  });

  it('renders a restore with its outcomes, failures, skips and deployments, within the text bound', () => {
    const r: RestoreResult = {
      restoreId: '5f0c6f8e-3a55-4f0e-9f55-2b1b8f0f7a11',
      backupId: ID,
      status: 'failed',
      plan: plan([
        { kind: 'secret', name: 'db', stack: null, action: 'skip', reason: 'no value for secret db' },
      ]),
      deploymentIds: ['6f0c6f8e-3a55-4f0e-9f55-2b1b8f0f7a11'],
      applied: [
        { kind: 'service', name: 'a', outcome: 'created' },
        { kind: 'service', name: 'b', outcome: 'failed', error: 'network x not found' },
        { kind: 'secret', name: 'db', outcome: 'skipped' },
      ],
      error: 'service b failed',
      startedAt: '2026-11-27T22:41:00.000Z',
      finishedAt: '2026-11-27T22:42:00.000Z',
    };
    const text = renderRestore(r);
    expect(text).toContain('applied: 1 created, 1 failed, 1 skipped');
    expect(text).toContain('! service b: network x not found');
    expect(text).toContain('- skip secret db — no value for secret db');
    expect(text).toContain('deployments: 6f0c6f8e-3a55-4f0e-9f55-2b1b8f0f7a11 (see get_deployment)');
    expect(text.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
  });
});
