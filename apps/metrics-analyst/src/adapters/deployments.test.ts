import { silentLogger } from '@swarmops/bus';
import { AppError, ErrorCode } from '@swarmops/contracts';
import { describe, expect, it } from 'vitest';
import { deployment } from './__fixtures__/deployment.js';
import { createDeploymentSource } from './deployments.js';
import type { ListDeployments } from './deployments.js';

// Newest first, like the deployer's list.
const history = [
  deployment(5, 'shop', '2026-11-28T02:50:00.000Z'),
  deployment(4, 'blog', '2026-11-28T02:40:00.000Z'),
  deployment(3, 'shop', '2026-11-28T02:30:00.000Z'),
  deployment(2, 'shop', '2026-11-28T01:00:00.000Z'),
  deployment(1, 'blog', '2026-11-28T00:00:00.000Z'),
];

/** The deployer's paging over `history`; records every query. */
function pagedList(calls: Parameters<ListDeployments>[0][]): ListDeployments {
  return async (query) => {
    calls.push(query);
    const rows = history.filter((d) => query.stack === undefined || d.stack === query.stack);
    const from = query.cursor === undefined ? 0 : Number(query.cursor);
    const items = rows.slice(from, from + query.limit);
    const next = from + query.limit;
    return Promise.resolve({ items, nextCursor: next < rows.length ? String(next) : null });
  };
}

const since = new Date('2026-11-28T02:00:00.000Z');

describe('deployment source', () => {
  it('pages newest first and stops at the first page reaching deployments older than since', async () => {
    const calls: Parameters<ListDeployments>[0][] = [];
    const source = createDeploymentSource({ list: pagedList(calls), logger: silentLogger, pageSize: 2 });
    const found = await source.since(since, {});
    expect(found.map((d) => d.version)).toEqual([5, 4, 3]);
    expect(calls).toEqual([{ limit: 2 }, { limit: 2, cursor: '2' }]);
  });

  it('lets the deployer filter one stack and filters several itself', async () => {
    const calls: Parameters<ListDeployments>[0][] = [];
    const source = createDeploymentSource({ list: pagedList(calls), logger: silentLogger, pageSize: 10 });
    expect((await source.since(since, { stacks: ['shop'] })).map((d) => d.version)).toEqual([5, 3]);
    expect(calls[0]).toEqual({ limit: 10, stack: 'shop' });
    expect((await source.since(since, { stacks: ['shop', 'blog'] })).map((d) => d.version)).toEqual([
      5, 4, 3,
    ]);
    expect((await source.since(since, { stacks: ['other', 'none'] })).map((d) => d.version)).toEqual([]);
  });

  it('stops at the last page when every deployment is in the window', async () => {
    const calls: Parameters<ListDeployments>[0][] = [];
    const source = createDeploymentSource({ list: pagedList(calls), logger: silentLogger, pageSize: 2 });
    expect(await source.since(new Date(0), {})).toHaveLength(5);
    expect(calls).toHaveLength(3);
  });

  it('stops at the page cap with what it has', async () => {
    const calls: Parameters<ListDeployments>[0][] = [];
    const source = createDeploymentSource({
      list: pagedList(calls),
      logger: silentLogger,
      pageSize: 1,
      maxPages: 2,
    });
    expect((await source.since(new Date(0), {})).map((d) => d.version)).toEqual([5, 4]);
    expect(calls).toHaveLength(2);
  });

  it('answers no deployments, with a warning, when the deployer cannot be asked', async () => {
    const warnings: unknown[] = [];
    const logger = { ...silentLogger, warn: (fields: unknown) => warnings.push(fields) };
    const list: ListDeployments = () =>
      Promise.reject(
        new AppError(ErrorCode.UNAVAILABLE, 'no responders for swarmops.deployer.deployments.list'),
      );
    const source = createDeploymentSource({ list, logger });
    expect(await source.since(since, {})).toEqual([]);
    expect(warnings).toEqual([expect.objectContaining({ code: 'UNAVAILABLE' })]);
  });
});
