import { describe, expect, it } from 'vitest';
import { databaseUrl, parseEnvFile, renderEnvFile, shellQuote } from './env-file.js';

describe('env file', () => {
  it('renders export lines in order', () => {
    const text = renderEnvFile({
      NATS_URL: 'nats://127.0.0.1:4222',
      DOCKER_HOST: 'unix:///var/run/docker.sock',
    });
    expect(text.split('\n').slice(1)).toEqual([
      'export NATS_URL=nats://127.0.0.1:4222',
      'export DOCKER_HOST=unix:///var/run/docker.sock',
      '',
    ]);
  });

  it('quotes values a shell would split or expand', () => {
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('$HOME')).toBe("'$HOME'");
  });

  it('builds the database URL with an encoded password', () => {
    expect(databaseUrl({ password: 'p/w', port: 54329 })).toBe(
      'postgres://swarmops:p%2Fw@127.0.0.1:54329/swarmops',
    );
  });

  it('reads back what it writes, quotes included', () => {
    const vars = { DATABASE_URL: 'postgres://u:p@h:1/db', ODD: "it's a $HOME", EMPTY_SAFE: 'x' };
    expect(parseEnvFile(renderEnvFile(vars))).toEqual(vars);
  });
});
