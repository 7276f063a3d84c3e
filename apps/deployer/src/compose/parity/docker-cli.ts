import { execFile } from 'node:child_process';
import { dirname } from 'node:path';

/** The docker CLI the parity suite compares against (28.x, talking API 1.41 to the engine). */
export const DOCKER_CLI = '/usr/local/bin/docker';

/** Options of {@link dockerStackDeploy}. */
export interface StackDeployOptions {
  /** Engine address, passed as `DOCKER_HOST`. */
  dockerHost: string;
  /** Variables the compose file interpolates; the CLI reads them from its environment. */
  env: Record<string, string>;
  timeoutMs?: number;
}

/**
 * `docker stack deploy --resolve-image never -c <file> <stack>`, detached, with an environment holding
 * only what the CLI needs plus `env` (so interpolation sees exactly what Swarmops is given).
 * Resolves with the CLI's output; rejects with it when the CLI fails.
 */
export function dockerStackDeploy(file: string, stack: string, options: StackDeployOptions): Promise<string> {
  const args = ['stack', 'deploy', '--resolve-image', 'never', '--detach=true', '-c', file, stack];
  const env = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: process.env.HOME ?? '/root',
    DOCKER_HOST: options.dockerHost,
    ...options.env,
  };
  return new Promise((resolve, reject) => {
    execFile(
      DOCKER_CLI,
      args,
      { cwd: dirname(file), env, timeout: options.timeoutMs ?? 90_000 },
      (error, stdout, stderr) => {
        const output = `${stdout}${stderr}`.trim();
        if (error === null) resolve(output);
        else
          reject(new Error(`docker ${args.join(' ')} failed: ${output || error.message}`, { cause: error }));
      },
    );
  });
}
