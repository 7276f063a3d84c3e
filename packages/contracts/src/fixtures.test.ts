import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  EventEnvelopeSchema,
  ListRequestSchema,
  NodeSchema,
  ServiceSchema,
  StackSchema,
  TaskSchema,
  describeZodError,
  listDataSchema,
  replySchema,
} from './index.js';

const schemas: Record<string, z.ZodType> = {
  Node: NodeSchema,
  Service: ServiceSchema,
  Stack: StackSchema,
  Task: TaskSchema,
  EventEnvelope: EventEnvelopeSchema,
  ListRequest: ListRequestSchema,
  NodeListReply: replySchema(listDataSchema(NodeSchema)),
};

interface Fixture {
  schema: string;
  value: unknown;
  expectPath?: string;
}

const root = fileURLToPath(new URL('../fixtures', import.meta.url));
function load(kind: 'valid' | 'invalid'): [string, Fixture][] {
  const dir = join(root, kind);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as Fixture]);
}

function schemaOf(fixture: Fixture): z.ZodType {
  const schema = schemas[fixture.schema];
  if (!schema) throw new Error(`fixture names unknown schema ${fixture.schema}`);
  return schema;
}

describe('golden fixtures', () => {
  it('has fixtures of both kinds', () => {
    expect(load('valid').length).toBeGreaterThan(5);
    expect(load('invalid').length).toBeGreaterThan(5);
  });

  it.each(load('valid'))('accepts valid/%s', (_name, fixture) => {
    const result = schemaOf(fixture).safeParse(fixture.value);
    expect(result.error?.issues ?? []).toEqual([]);
    expect(result.success).toBe(true);
  });

  it.each(load('invalid'))('rejects invalid/%s naming the bad field', (_name, fixture) => {
    expect(fixture.expectPath, 'invalid fixtures must say which field is bad').toBeTruthy();
    const result = schemaOf(fixture).safeParse(fixture.value);
    expect(result.success).toBe(false);
    const { message, details } = describeZodError(result.error!);
    expect(details.issues.map((i) => i.path)).toContain(fixture.expectPath);
    expect(message).toContain(`\`${fixture.expectPath}\``);
  });
});
