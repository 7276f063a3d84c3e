import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Context } from '../context.js';
import { parseVitestReport, sumCounts } from '../domain/test-results.js';
import type { TestCounts } from '../domain/test-results.js';

/**
 * Where each package's vitest writes its JSON report, relative to the package (vitest runs with
 * the package as cwd). node_modules/.cache is ignored by git and Prettier.
 */
export const VITEST_REPORT = 'node_modules/.cache/swarmops/vitest.json';

interface WorkspacePackage {
  readonly name: string;
  readonly dir: string;
  readonly hasTest: boolean;
}

/** The workspace packages (apps/*, packages/*, bench, test) with their test script, if any. */
export function workspacePackages(ctx: Context): WorkspacePackage[] {
  const dirs: string[] = [];
  for (const group of ['apps', 'packages']) {
    const base = path.join(ctx.root, group);
    if (existsSync(base)) dirs.push(...readdirSync(base).map((d) => path.join(base, d)));
  }
  dirs.push(path.join(ctx.root, 'bench'), path.join(ctx.root, 'test'));
  return dirs
    .filter((dir) => existsSync(path.join(dir, 'package.json')))
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        scripts?: Record<string, string>;
      };
      return {
        name: manifest.name ?? path.basename(dir),
        dir,
        hasTest: manifest.scripts?.test !== undefined,
      };
    });
}

/** Removes the reports of an earlier run so only this run counts. */
export function clearReports(ctx: Context): void {
  rmSync(ctx.testResultsDir, { recursive: true, force: true });
  mkdirSync(ctx.testResultsDir, { recursive: true });
  for (const pkg of workspacePackages(ctx)) rmSync(path.join(pkg.dir, VITEST_REPORT), { force: true });
}

export interface CollectedResults {
  readonly counts: TestCounts;
  /** Packages with a test script that left no readable report (crashed, or not vitest). */
  readonly missing: string[];
}

/** Copies each package's report to .swarmops/test-results/<pkg>.json and sums them. */
export function collectReports(ctx: Context): CollectedResults {
  const counts: TestCounts[] = [];
  const missing: string[] = [];
  for (const pkg of workspacePackages(ctx).filter((p) => p.hasTest)) {
    const report = path.join(pkg.dir, VITEST_REPORT);
    try {
      counts.push(parseVitestReport(readFileSync(report, 'utf8')));
      copyFileSync(
        report,
        path.join(ctx.testResultsDir, `${pkg.name.replace(/^@/, '').replace(/\//g, '-')}.json`),
      );
    } catch {
      missing.push(pkg.name);
    }
  }
  return { counts: sumCounts(counts), missing };
}
