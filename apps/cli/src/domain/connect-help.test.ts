import { describe, expect, it } from 'vitest';
import { renderConnectHelp } from './connect-help.js';

describe('connect help', () => {
  it('gives the HTTP URL and a Claude Desktop snippet running ./swarmops mcp', () => {
    const text = renderConnectHelp({ root: '/srv/swarmops', gatewayPresent: true });
    expect(text).toContain('http://127.0.0.1:7070/mcp');
    expect(text).toContain('"command": "/srv/swarmops/swarmops"');
    expect(text).toContain('"mcp"');
    expect(text).not.toContain('issue #4');
  });

  it('says honestly that the gateway is not there yet', () => {
    const text = renderConnectHelp({ root: '/srv/swarmops', gatewayPresent: false });
    expect(text).toContain('the MCP gateway arrives with issue #4');
  });
});
