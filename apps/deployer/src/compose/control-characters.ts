import { invalidCompose, joinPath, type ComposeIssue } from './issues.js';

// C0 controls other than tab, newline and carriage return, and DEL: no compose value or key needs them,
// and the engine either refuses them late (NUL in an env var or a name) or passes them to containers.
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return true;
  }
  return false;
}

// Config and secret content is data for the container, binary included.
const CONTENT = /^(configs|secrets)\.[^.]+\.content$/;

/**
 * Refuses a parsed compose file with a control character in any key or string (except config and secret
 * content), naming where it is.
 */
export function checkControlCharacters(config: Record<string, unknown>): void {
  const issues: ComposeIssue[] = [];
  walk(config, '', issues);
  if (issues.length > 0) throw invalidCompose(issues);
}

function walk(value: unknown, path: string, issues: ComposeIssue[]): void {
  if (issues.length >= 20 || CONTENT.test(path)) return;
  if (typeof value === 'string') {
    if (hasControl(value))
      issues.push({ path: path || '(top level)', message: 'contains a control character' });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => walk(item, joinPath(path, index), issues));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (hasControl(key)) {
        issues.push({
          path: joinPath(path, JSON.stringify(key).slice(1, -1)),
          message: 'key contains a control character',
        });
        continue;
      }
      walk(item, joinPath(path, key), issues);
    }
  }
}
