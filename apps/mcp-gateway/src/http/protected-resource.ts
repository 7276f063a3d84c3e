/** RFC 9728 protected resource metadata of the gateway. */
export interface ProtectedResourceMetadata {
  resource: string;
  authorization_servers?: string[];
  bearer_methods_supported: string[];
  scopes_supported: string[];
  resource_name: string;
  resource_documentation?: string;
}

/** The metadata path; RFC 9728 also allows the path-suffixed form `<path>/mcp`, served too. */
export const PROTECTED_RESOURCE_PATH = '/.well-known/oauth-protected-resource';

/** Builds the document: the resource is `<base>/mcp`, issuers only when OAuth is configured. */
export function protectedResourceMetadata(options: {
  baseUrl: string;
  issuer?: string;
  scopes: readonly string[];
}): ProtectedResourceMetadata {
  return {
    resource: `${options.baseUrl}/mcp`,
    ...(options.issuer === undefined ? {} : { authorization_servers: [options.issuer] }),
    bearer_methods_supported: ['header'],
    scopes_supported: [...options.scopes],
    resource_name: 'Swarmops MCP gateway',
  };
}
