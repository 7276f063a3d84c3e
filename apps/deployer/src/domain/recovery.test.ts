import { describe, expect, it } from 'vitest';
import type { Convergence } from './convergence.js';
import { decideRecovery } from './recovery.js';

const c = (state: Convergence['state']): Convergence => ({ state, reason: state, desired: 1, running: 1 });

describe('decideRecovery', () => {
  it('succeeds when every target service is on its spec and converged', () => {
    const d = decideRecovery({
      services: [{ name: 'a', found: true, onTarget: true, convergence: c('converged') }],
      temporaryLeft: [],
    });
    expect(d.action).toBe('succeed');
  });

  it('keeps waiting while a service is still converging', () => {
    const d = decideRecovery({
      services: [
        { name: 'a', found: true, onTarget: true, convergence: c('converged') },
        { name: 'b', found: true, onTarget: true, convergence: c('progressing') },
      ],
      temporaryLeft: [],
    });
    expect(d).toEqual({ action: 'wait', reason: 'still converging: b' });
  });

  it('rolls back what failed, was never applied, or was left mid-switch', () => {
    expect(
      decideRecovery({
        services: [{ name: 'a', found: true, onTarget: true, convergence: c('failed') }],
        temporaryLeft: [],
      }).action,
    ).toBe('rollback');
    expect(
      decideRecovery({
        services: [{ name: 'a', found: true, onTarget: true, convergence: c('rolled-back') }],
        temporaryLeft: [],
      }).action,
    ).toBe('rollback');
    expect(decideRecovery({ services: [{ name: 'a', found: false }], temporaryLeft: [] }).reason).toBe(
      'not applied to a',
    );
    expect(
      decideRecovery({
        services: [{ name: 'a', found: true, onTarget: false, convergence: c('converged') }],
        temporaryLeft: [],
      }).action,
    ).toBe('rollback');
    expect(decideRecovery({ services: [], temporaryLeft: ['s_a--green'] }).reason).toContain('s_a--green');
  });
});
