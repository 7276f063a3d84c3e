import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { createContext } from './context.js';
import { convertConfigRefs, convertObjects, convertSecretRefs } from './file-objects.js';
import type { ComposeFile } from './model.js';

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('convertObjects', () => {
  it('versions inline content as <stack>_<name>-<sha12> with stack labels', () => {
    const ctx = createContext('st', { configs: { app: { content: 'port=80', labels: { a: 'b' } } } }, {});
    expect(convertObjects(ctx, 'configs')).toEqual([
      {
        name: 'app',
        fullName: `st_app-${sha('port=80').slice(0, 12)}`,
        external: false,
        data: Buffer.from('port=80').toString('base64'),
        digest: sha('port=80'),
        labels: { a: 'b', 'com.docker.stack.namespace': 'st' },
      },
    ]);
  });

  it('changes the name when the content changes, and only then', () => {
    const name = (content: string): string =>
      convertObjects(createContext('st', { secrets: { k: { content } } }, {}), 'secrets')[0]?.fullName ?? '';
    expect(name('one')).toBe(name('one'));
    expect(name('one')).not.toBe(name('two'));
  });

  it('reads environment objects from the env argument', () => {
    const ctx = createContext(
      'st',
      { secrets: { db: { environment: 'DB_PASSWORD' } } },
      { DB_PASSWORD: 'hunter2' },
    );
    const [secret] = convertObjects(ctx, 'secrets');
    expect(secret?.data).toBe(Buffer.from('hunter2').toString('base64'));
    expect(secret?.fullName).toBe(`st_db-${sha('hunter2').slice(0, 12)}`);
  });

  it('uses an explicit name as the base and keeps external names', () => {
    const file: ComposeFile = {
      configs: {
        a: { name: 'shared', content: 'x' },
        b: { external: true },
        c: { external: true, name: 'real-c' },
        d: { external: { name: 'old-d' } },
      },
    };
    const result = convertObjects(createContext('st', file, {}), 'configs');
    expect(result.map((o) => [o.name, o.fullName, o.external, o.data])).toEqual([
      ['b', 'b', true, null],
      ['d', 'old-d', true, null],
      ['c', 'real-c', true, null],
      ['a', `shared-${sha('x').slice(0, 12)}`, false, Buffer.from('x').toString('base64')],
    ]);
  });

  it('refuses file:, a missing variable, drivers and templates, naming the key', () => {
    const file: ComposeFile = {
      secrets: {
        f: { file: './secret.txt' },
        e: { environment: 'MISSING' },
        d: { driver: 'vault' },
        t: { content: 'x', template_driver: 'golang' },
        n: {},
        two: { content: 'x', environment: 'Y' },
      },
    };
    const ctx = createContext('st', file, {});
    convertObjects(ctx, 'secrets');
    expect(ctx.issues.items.map((i) => i.path)).toEqual([
      'secrets.f.file',
      'secrets.e.environment',
      'secrets.d.driver',
      'secrets.t.template_driver',
      'secrets.n',
      'secrets.two',
    ]);
    expect(ctx.issues.items[0]?.message).toContain('compose text only');
  });

  it('refuses names swarm would refuse, counting the version suffix', () => {
    const ctx = createContext(
      'st',
      { configs: { ['x'.repeat(60)]: { content: 'a' }, 'bad name': { external: true } } },
      {},
    );
    expect(convertObjects(ctx, 'configs')).toEqual([]);
    expect(ctx.issues.items.map((i) => i.path)).toEqual([`configs.${'x'.repeat(60)}`, 'configs.bad name']);
  });
});

describe('service references', () => {
  const file: ComposeFile = {
    configs: { conf: { content: 'c' }, ext: { external: true } },
    secrets: { key: { content: 'k' } },
  };

  it('defaults target, uid, gid and mode like docker and sorts by name', () => {
    const ctx = createContext('st', file, {});
    const configs = convertObjects(ctx, 'configs');
    expect(
      convertConfigRefs(
        ctx,
        'api',
        ['ext', { source: 'conf', target: '/etc/app.conf', uid: '100', gid: '101', mode: 0o440 }],
        configs,
      ),
    ).toEqual([
      { File: { Name: 'ext', UID: '0', GID: '0', Mode: 0o444 }, ConfigName: 'ext' },
      {
        File: { Name: '/etc/app.conf', UID: '100', GID: '101', Mode: 0o440 },
        ConfigName: `st_conf-${sha('c').slice(0, 12)}`,
      },
    ]);
  });

  it('references versioned secrets', () => {
    const ctx = createContext('st', file, {});
    const secrets = convertObjects(ctx, 'secrets');
    expect(convertSecretRefs(ctx, 'api', ['key'], secrets)).toEqual([
      {
        File: { Name: 'key', UID: '0', GID: '0', Mode: 0o444 },
        SecretName: `st_key-${sha('k').slice(0, 12)}`,
      },
    ]);
  });

  it('names an undefined reference', () => {
    const ctx = createContext('st', file, {});
    convertSecretRefs(ctx, 'api', ['key', 'nope'], convertObjects(ctx, 'secrets'));
    expect(ctx.issues.items).toEqual([
      {
        path: 'services.api.secrets[1]',
        message: 'undefined secret "nope" (declare it under top-level secrets)',
      },
    ]);
  });
});
