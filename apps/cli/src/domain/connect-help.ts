/** The MCP gateway's fixed Streamable HTTP endpoint (DESIGN.md, "Interfaces that are fixed"). */
export const MCP_HTTP_URL = 'http://127.0.0.1:7070/mcp';

/** What {@link renderConnectHelp} needs. */
export interface ConnectHelpOptions {
  root: string;
  /** `.swarmops/admin.token`; its path is printed, never its contents. */
  adminTokenFile: string;
  gatewayPresent: boolean;
}

/**
 * How to connect an MCP client, printed at the end of `up`: the HTTP URL with the bearer to send,
 * and the Claude Desktop configuration whose SWARMOPS_TOKEN points at the admin token file.
 * The secret itself is never printed. While no app declares the `mcp-gateway` service the text
 * says so instead of pretending the endpoint answers.
 */
export function renderConnectHelp(options: ConnectHelpOptions): string {
  const command = `${options.root}/swarmops`;
  const tokenHint = `<paste the contents of ${options.adminTokenFile}>`;
  const desktop = JSON.stringify(
    { mcpServers: { swarmops: { command, args: ['mcp'], env: { SWARMOPS_TOKEN: tokenHint } } } },
    null,
    2,
  );
  const lines = [
    'Connect an MCP client:',
    `  Streamable HTTP: ${MCP_HTTP_URL}`,
    `    with the header  Authorization: Bearer <contents of ${options.adminTokenFile}>`,
    '  Claude Desktop (claude_desktop_config.json):',
    ...desktop.split('\n').map((line) => `    ${line}`),
    `    (./swarmops mcp falls back to ${options.adminTokenFile} when SWARMOPS_TOKEN is unset;`,
    '     create a narrower token with ./swarmops token create --role viewer)',
    `  Claude Code: claude mcp add swarmops -- ${command} mcp`,
  ];
  if (!options.gatewayPresent) {
    lines.push('', 'Note: no app declares the mcp-gateway service, so neither endpoint answers.');
  }
  return lines.join('\n');
}
