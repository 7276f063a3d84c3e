import { describe, expect, it } from 'vitest';
import { renderConnectHelp } from './connect-help.js';

const base = { root: '/srv/swarmops', adminTokenFile: '/srv/swarmops/.swarmops/admin.token' };

describe('connect help', () => {
  it('gives the HTTP URL and a Claude Desktop snippet running ./swarmops mcp', () => {
    const text = renderConnectHelp({ ...base, gatewayPresent: true });
    expect(text).toContain('http://127.0.0.1:7070/mcp');
    expect(text).toContain('"command": "/srv/swarmops/swarmops"');
    expect(text).toContain('"mcp"');
    expect(text).not.toContain('neither endpoint answers');
  });

  it('points SWARMOPS_TOKEN and the bearer at the admin token file without printing a secret', () => {
    const text = renderConnectHelp({ ...base, gatewayPresent: true });
    expect(text).toContain('"SWARMOPS_TOKEN": "<paste the contents of /srv/swarmops/.swarmops/admin.token>"');
    expect(text).toContain('Authorization: Bearer <contents of /srv/swarmops/.swarmops/admin.token>');
    expect(text).not.toMatch(/swo_[0-9a-z]{8}_/);
  });

  it('says honestly when the gateway is not there', () => {
    const text = renderConnectHelp({ ...base, gatewayPresent: false });
    expect(text).toContain('neither endpoint answers');
  });
});
