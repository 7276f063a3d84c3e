#!/usr/bin/env node
// The root command's TypeScript half: ./swarmops bootstraps the toolchain, then runs this.
import { Command } from 'commander';
import { createContext } from './context.js';
import type { Context } from './context.js';
import { downCommand } from './commands/down.js';
import { mcpCommand } from './commands/mcp.js';
import { statusCommand } from './commands/status.js';
import { testCommand } from './commands/test.js';
import { tokenCreateCommand, tokenListCommand, tokenRevokeCommand } from './commands/token.js';
import type { TokenCreateOptions } from './commands/token.js';
import { upCommand } from './commands/up.js';
import { reportError } from './report-error.js';

type Action = (ctx: Context) => Promise<number>;

/** Runs one command and sets the exit code; every failure is reported by reportError. */
function runAction(name: string, action: Action): Promise<void> {
  return (async () => {
    try {
      process.exitCode = await action(createContext());
    } catch (err) {
      process.exitCode = reportError(name, err);
    }
  })();
}

const program = new Command()
  .name('swarmops')
  .description(
    'Operate a Docker Swarm cluster by conversation. Local platform: up, status, down, test, mcp, token.',
  )
  .showHelpAfterError();

program
  .command('up')
  .description('install what is missing, start dockerd (swarm), NATS, PostgreSQL and every service')
  .option('--detach', 'return once everything is ready instead of staying in the foreground')
  .option('--init-swarm', 'run `docker swarm init` on an existing engine that is not in swarm mode')
  .action((opts: { detach?: boolean; initSwarm?: boolean }) =>
    runAction('up', (ctx) => upCommand(ctx, opts)),
  );

program
  .command('down')
  .description('stop everything `up` started, by pid')
  .action(() => runAction('down', downCommand));

program
  .command('status')
  .description('show docker, nats, postgres and every service with readiness; exit 1 unless all are ready')
  .option('--json', 'print JSON instead of a table')
  .action((opts: { json?: boolean }) => runAction('status', (ctx) => statusCommand(ctx, opts)));

program
  .command('test')
  .description('bring up the dependencies, then prettier, build, lint, typecheck and every test')
  .option(
    '--init-swarm',
    'run `docker swarm init` on an existing engine that is not in swarm mode (implied by CI=true)',
  )
  .option('--down', 'stop the dependencies afterwards (by default they keep running)')
  .action((opts: { initSwarm?: boolean; down?: boolean }) =>
    runAction('test', (ctx) => testCommand(ctx, opts)),
  );

program
  .command('mcp')
  .description(
    'the MCP server on stdio, for Claude Desktop and Claude Code (token: SWARMOPS_TOKEN or .swarmops/admin.token)',
  )
  .action(() => runAction('mcp', mcpCommand));

const token = program
  .command('token')
  .description('create, list or revoke personal access tokens for the MCP gateway');

token
  .command('create')
  .description('create a token and print it once')
  .requiredOption('--role <role>', 'viewer | operator | admin')
  .option('--name <name>', 'what the token is for')
  .option('--stacks <a,b>', 'limit the token to these stacks')
  .option('--expires <lifetime>', 'lifetime such as 90d, 12h, 2w (default: never)')
  .action((opts: TokenCreateOptions) => runAction('token create', (ctx) => tokenCreateCommand(ctx, opts)));

token
  .command('list')
  .description('every token: prefix, name, role, stacks, created, expires, last used, revoked')
  .option('--json', 'print JSON instead of a table')
  .action((opts: { json?: boolean }) => runAction('token list', (ctx) => tokenListCommand(ctx, opts)));

token
  .command('revoke')
  .description('revoke a token by its prefix (swo_ab12cd34) or id')
  .argument('<prefix|id>')
  .action((idOrPrefix: string) => runAction('token revoke', (ctx) => tokenRevokeCommand(ctx, idOrPrefix)));

await program.parseAsync(process.argv);
