import { describe, expect, it } from 'vitest';
import { describeZodError } from '../zod-issues.js';
import { NodesListRequestSchema, ServicesListRequestSchema, TasksListRequestSchema } from './requests.js';

function rejection(result: { success: boolean; error?: Parameters<typeof describeZodError>[0] }) {
  expect(result.success).toBe(false);
  return describeZodError(result.error!);
}

describe('inventory requests', () => {
  it('applies the default page size', () => {
    expect(NodesListRequestSchema.parse({})).toEqual({ limit: 100 });
  });

  it('refuses an unknown filter naming it', () => {
    const { message, details } = rejection(ServicesListRequestSchema.safeParse({ colour: 'blue' }));
    expect(details.issues).toEqual([{ path: 'colour', message: 'unknown field' }]);
    expect(message).toContain('`colour`');
  });

  it('refuses a wrong type and a limit out of range naming each field', () => {
    const { details } = rejection(NodesListRequestSchema.safeParse({ role: 7, limit: 5000 }));
    expect(details.issues.map((i) => i.path).sort()).toEqual(['limit', 'role']);
  });

  it('refuses a task state Docker does not have', () => {
    const { details } = rejection(TasksListRequestSchema.safeParse({ state: 'sleeping' }));
    expect(details.issues.map((i) => i.path)).toEqual(['state']);
  });
});
