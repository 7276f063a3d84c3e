#!/usr/bin/env node
// The root command's TypeScript half: ./swarmops bootstraps the toolchain, then runs this.
import { Command } from 'commander';
import { createContext } from './context.js';
import type { Context } from './context.js';
import { downCommand } from './commands/down.js';
import { notBuiltYet } from './commands/not-built.js';
import { statusCommand } from './commands/status.js';
import { testCommand } from './commands/test.js';
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
  .description('Operate a Docker Swarm cluster by conversation. Local platform: up, status, down, test.')
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
  .description('the MCP server on stdio, for Claude Desktop and Claude Code (issue #4)')
  .action(() => runAction('mcp', () => notBuiltYet()));

program
  .command('token')
  .description('create, list or revoke personal access tokens (issue #4)')
  .argument('[action]', 'create | list | revoke')
  .allowUnknownOption()
  .allowExcessArguments()
  .action(() => runAction('token', () => notBuiltYet()));

await program.parseAsync(process.argv);
