import { readFileSync } from 'node:fs';

/** One documented difference: which fixtures (or `*`) and which path; the reason is for readers. */
export interface AllowedDifference {
  fixture: string;
  path: string;
  reason: string;
}

const START = '<!-- parity-allow-list:start -->';
const END = '<!-- parity-allow-list:end -->';

/**
 * Reads the allow-list table of docs/compose-parity.md (between the two marker comments):
 * rows `| fixture | path | reason |`, paths in backticks. The doc is the single source: the test
 * asserts the differences it finds are exactly these rows.
 */
export function readAllowList(docPath: string): AllowedDifference[] {
  const text = readFileSync(docPath, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${docPath}: allow-list markers ${START} … ${END} not found`);
  return text
    .slice(start + START.length, end)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line) && !/^\|\s*fixture\s*\|/i.test(line))
    .map((line) => {
      const cells = line
        .slice(1, line.endsWith('|') ? -1 : undefined)
        .split('|')
        .map((cell) => cell.trim().replace(/^`|`$/g, ''));
      const [fixture = '', path = '', reason = ''] = cells;
      return { fixture, path, reason };
    });
}

/** `fixture path` — the key both the allow-list and the found differences are compared by. */
export function differenceKey(fixture: string, path: string): string {
  return `${fixture} ${path}`;
}
