import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

function captureLines() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, destination };
}

describe('createLogger', () => {
  it('writes JSON lines carrying the service, a level label and child bindings', () => {
    const { lines, destination } = captureLines();
    const logger = createLogger({ service: 'inventory', level: 'debug', destination });
    logger.child({ subject: 'swarmops.inventory.nodes.list' }).debug({ count: 3 }, 'listed nodes');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'debug',
      service: 'inventory',
      subject: 'swarmops.inventory.nodes.list',
      count: 3,
      msg: 'listed nodes',
    });
  });

  it('drops lines below the level', () => {
    const { lines, destination } = captureLines();
    createLogger({ service: 'health', level: 'warn', destination }).info('not written');
    expect(lines).toHaveLength(0);
  });

  it('redacts secret-ish keys at any of the first levels', () => {
    const { lines, destination } = captureLines();
    const logger = createLogger({ service: 'mcp-gateway', destination });
    logger.info(
      {
        token: 'tok-1',
        password: 'pw-1',
        req: { headers: { authorization: 'Bearer tok-2' } },
        db: { secret: 's-1', host: 'db' },
      },
      'request',
    );
    const text = JSON.stringify(lines[0]);
    for (const secret of ['tok-1', 'pw-1', 'tok-2', 's-1']) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ token: '[redacted]', db: { host: 'db', secret: '[redacted]' } });
  });
});
