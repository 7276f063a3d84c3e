import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';

/** Where the parity compose files live (`NN-topic.yml`) and the `files/` their configs and secrets read. */
export const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** One parity compose file. */
export interface ParityFixture {
  /** `NN-topic`, the file name without `.yml`. */
  id: string;
  path: string;
  /** The file as written: what `docker stack deploy -c` reads. */
  text: string;
}

/** Every fixture, in file-name order. */
export function listFixtures(dir: string = FIXTURES_DIR): ParityFixture[] {
  return readdirSync(dir)
    .filter((name) => /^\d\d-[a-z0-9-]+\.yml$/.test(name))
    .sort()
    .map((name) => {
      const path = join(dir, name);
      return { id: name.slice(0, -'.yml'.length), path, text: readFileSync(path, 'utf8') };
    });
}

/** Names of the objects a fixture may declare `external`, created by the test before any deploy. */
export interface ExternalNames {
  /** A name unique to the test run, for objects a fixture names itself. */
  run: string;
  network: string;
  config: string;
  secret: string;
  volume: string;
}

/**
 * The variables the fixtures interpolate. `docker stack deploy` reads them from its process environment;
 * Swarmops receives the same map as `env`.
 */
export function fixtureEnv(image: string, external: ExternalNames): Record<string, string> {
  return {
    PARITY_IMAGE: image,
    PARITY_GREETING: 'hello',
    PARITY_EMPTY: '',
    PARITY_REPLICAS: '1',
    PARITY_RUN: external.run,
    PARITY_EXT_NETWORK: external.network,
    PARITY_EXT_CONFIG: external.config,
    PARITY_EXT_SECRET: external.secret,
    PARITY_EXT_VOLUME: external.volume,
  };
}

/**
 * The fixture as Swarmops receives it: compose text alone, so every `file: ./files/<name>` of a config or
 * secret becomes `content: "<the same bytes>"` (docker refuses inline content; we take no files). The
 * rest of the text is untouched, so scalars keep their exact spelling (`mode: 0440` stays octal).
 */
export function inlineFileObjects(fixture: ParityFixture): string {
  return fixture.text.replace(/\bfile: *(\.\/files\/[\w.-]+)/g, (_match, file: string) => {
    const content = readFileSync(resolve(dirname(fixture.path), file), 'utf8');
    return `content: ${JSON.stringify(content)}`;
  });
}

/** Subnets a fixture declares (`networks.<x>.ipam.config[].subnet`); any other subnet is engine-assigned. */
export function declaredSubnets(fixture: ParityFixture): Set<string> {
  const data = parseDocument(fixture.text, { merge: true }).toJS() as {
    networks?: Record<string, { ipam?: { config?: Array<{ subnet?: string }> } } | null>;
  };
  const subnets = new Set<string>();
  for (const network of Object.values(data.networks ?? {}))
    for (const config of network?.ipam?.config ?? [])
      if (config.subnet !== undefined) subnets.add(config.subnet);
  return subnets;
}
