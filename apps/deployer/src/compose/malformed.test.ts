import { isAppError } from '@swarmops/contracts';
import { describe, expect, it } from 'vitest';
import { convertCompose } from './index.js';
import { MALFORMED_BASES } from './parity/malformed-bases.js';
import { generateMalformedCases, type MalformedCase } from './parity/malformed-cases.js';
import { extendedComposeSchema } from './schema-extensions.js';
import { stringify } from 'yaml';
import type { PolicyAllowance } from './types.js';

const POLICY: PolicyAllowance = { bindMountPrefixes: ['/srv/data'], trustedStacks: [] };
const cases = generateMalformedCases(extendedComposeSchema(), 1000);

// What happened to one case, or undefined when it was refused as expected.
function check(c: MalformedCase): string | undefined {
  let outcome: unknown;
  try {
    outcome = convertCompose({ stack: 'fuzz', compose: c.compose, env: c.env, policy: POLICY });
  } catch (error) {
    if (!isAppError(error)) return `threw ${String(error)} instead of an AppError`;
    if (error.code !== c.code) return `code ${error.code} (${error.message}), expected ${c.code}`;
    const missing = c.mentions.filter((m) => !error.message.includes(m));
    if (missing.length > 0)
      return `message "${error.message.slice(0, 300)}" does not mention ${missing.join(', ')}`;
    if (error.message.trim() === '') return 'empty message';
    return undefined;
  }
  return `accepted (returned ${outcome === undefined ? 'nothing' : 'a DesiredStack'})`;
}

describe('malformed compose files', () => {
  it('generates 1,000 files deterministically from the seed, covering every kind', () => {
    const again = generateMalformedCases(extendedComposeSchema(), 1000);
    expect(again.map((c) => c.compose)).toEqual(cases.map((c) => c.compose));
    expect(new Set(cases.map((c) => c.kind))).toEqual(
      new Set([
        'yaml-syntax',
        'wrong-type',
        'unknown-key',
        'bad-duration',
        'bad-size',
        'bad-port',
        'missing-image',
        'bad-interpolation',
        'structural',
        'policy',
        'undefined-reference',
        'semantic',
      ]),
    );
  });

  it('mutates only valid documents (every base converts)', () => {
    for (const base of MALFORMED_BASES) {
      const stack = convertCompose({ stack: 'fuzz', compose: stringify(base), env: {}, policy: POLICY });
      expect(stack.services.length).toBeGreaterThan(0);
    }
  });

  it('refuses each of them with an AppError that names the problem, and never crashes', () => {
    const failures = cases.flatMap((c) => {
      const problem = check(c);
      return problem === undefined ? [] : [`#${c.id} ${c.kind} (${c.description.slice(0, 120)}): ${problem}`];
    });
    expect(failures.slice(0, 80), `${failures.length} of ${cases.length} not refused cleanly`).toEqual([]);
  });
});
