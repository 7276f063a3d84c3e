/** The MCP gateway's fixed Streamable HTTP endpoint (DESIGN.md, "Interfaces that are fixed"). */
export const MCP_HTTP_URL = 'http://127.0.0.1:7070/mcp';

/**
 * How to connect an MCP client, printed at the end of `up`. While no app declares the
 * `mcp-gateway` service the text says so instead of pretending the endpoint answers.
 */
export function renderConnectHelp(options: { root: string; gatewayPresent: boolean }): string {
  const command = `${options.root}/swarmops`;
  const desktop = JSON.stringify({ mcpServers: { swarmops: { command, args: ['mcp'] } } }, null, 2);
  const lines = [
    'Connect an MCP client:',
    `  Streamable HTTP: ${MCP_HTTP_URL}`,
    '  Claude Desktop (claude_desktop_config.json):',
    ...desktop.split('\n').map((line) => `    ${line}`),
    `  Claude Code: claude mcp add swarmops -- ${command} mcp`,
  ];
  if (!options.gatewayPresent) {
    lines.push('', 'Note: the MCP gateway arrives with issue #4; until then neither endpoint answers.');
  }
  return lines.join('\n');
}
