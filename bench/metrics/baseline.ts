// The baseline of the exporter's scrape: what a person runs with the docker CLI to see the same things: the
// nodes, the services with their replica counts (`docker service ls` lists the tasks to count them), and one
// stats sample of every running container (`docker stats --no-stream`, which, unlike the exporter's
// one-shot stats, waits for a second sample to compute CPU %). One command after the other, like a script.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const MAX_BUFFER = 64 * 1024 * 1024;

/** One baseline run; returns the number of stats lines printed. */
export async function cliBaseline(): Promise<number> {
  const opts = { maxBuffer: MAX_BUFFER, timeout: 300_000 };
  await run('docker', ['node', 'ls', '--format', '{{json .}}'], opts);
  await run('docker', ['service', 'ls', '--format', '{{json .}}'], opts);
  const { stdout } = await run('docker', ['stats', '--no-stream', '--format', '{{json .}}'], opts);
  return stdout.split('\n').filter((l) => l.trim() !== '').length;
}
