import { readFileSync } from 'node:fs';
import type Docker from 'dockerode';
import { pack } from 'tar-stream';

/** Options of {@link ensureTestImage}. */
export interface TestImageOptions {
  /** Image tag (default `swarmops/busybox:test`). */
  tag?: string;
  /** A static busybox binary (default `/bin/busybox`, Debian's busybox-static). */
  busyboxPath?: string;
}

/** Default tag of the test image. */
export const TEST_IMAGE = 'swarmops/busybox:test';

const DOCKERFILE = [
  'FROM scratch',
  'COPY busybox /bin/busybox',
  'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
  'CMD ["/bin/sh"]',
  '',
].join('\n');

/**
 * Makes sure the engine has a tiny test image (busybox: sh, httpd, nc, wget, sleep) built FROM
 * scratch from the host's static busybox, through the Engine API and without any registry.
 * Does nothing when the tag already exists. Returns the tag.
 */
export async function ensureTestImage(docker: Docker, options: TestImageOptions = {}): Promise<string> {
  const tag = options.tag ?? TEST_IMAGE;
  if (await imageExists(docker, tag)) return tag;
  const busyboxPath = options.busyboxPath ?? '/bin/busybox';
  let busybox: Buffer;
  try {
    busybox = readFileSync(busyboxPath);
  } catch (cause) {
    throw new Error(`no static busybox at ${busyboxPath}: install busybox-static (./swarmops test does)`, {
      cause,
    });
  }
  const context = pack();
  context.entry({ name: 'Dockerfile', mode: 0o644 }, DOCKERFILE);
  context.entry({ name: 'busybox', mode: 0o755 }, busybox);
  context.finalize();
  const stream = await docker.buildImage(context as unknown as NodeJS.ReadableStream, {
    t: tag,
    rm: true,
    forcerm: true,
  });
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (error: Error | null, output: Array<{ error?: string; errorDetail?: { message?: string } }>) => {
        const failure = error?.message ?? output.find((o) => o.error !== undefined)?.error;
        if (failure === undefined) resolve();
        else reject(new Error(`building ${tag} failed: ${failure}`));
      },
    );
  });
  if (!(await imageExists(docker, tag)))
    throw new Error(`building ${tag} reported success but the image is missing`);
  return tag;
}

async function imageExists(docker: Docker, tag: string): Promise<boolean> {
  try {
    await docker.getImage(tag).inspect();
    return true;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return false;
    throw error;
  }
}
