#!/usr/bin/env node
// `node apps/backup/dist/bin/secrets-file.js encrypt <in.yaml> <out.enc>` / `check <file.enc>`.
import { runSecretsFileCli } from './secrets-file-cli.js';

process.exitCode = await runSecretsFileCli(process.argv.slice(2), {
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
