import { describe, expect, it } from 'vitest';
import { checkServiceConflicts, orderServices, parseServiceManifest } from './service-manifest.js';

describe('service discovery from package.json', () => {
  it('finds a service from its swarmops field', () => {
    const manifest = { name: '@swarmops/inventory', swarmops: { service: 'inventory', httpPort: 7071 } };
    expect(parseServiceManifest('inventory', manifest)).toEqual({
      name: 'inventory',
      dir: 'inventory',
      httpPort: 7071,
    });
  });

  it('ignores apps that are not services', () => {
    expect(parseServiceManifest('cli', { name: '@swarmops/cli' })).toBeUndefined();
  });

  it('names the app and the field when the manifest is malformed', () => {
    expect(() =>
      parseServiceManifest('health', { swarmops: { service: 'health', httpPort: '7073' } }),
    ).toThrow('apps/health/package.json: invalid "swarmops.httpPort"');
  });

  it('starts the gateway last and the rest by port', () => {
    const ordered = orderServices([
      { name: 'mcp-gateway', dir: 'mcp-gateway', httpPort: 7070 },
      { name: 'health', dir: 'health', httpPort: 7073 },
      { name: 'inventory', dir: 'inventory', httpPort: 7071 },
    ]);
    expect(ordered.map((s) => s.name)).toEqual(['inventory', 'health', 'mcp-gateway']);
  });

  it('refuses two services on one port', () => {
    expect(() =>
      checkServiceConflicts([
        { name: 'a', dir: 'a', httpPort: 7071 },
        { name: 'b', dir: 'b', httpPort: 7071 },
      ]),
    ).toThrow('apps/b and apps/a both use port 7071');
  });
});
