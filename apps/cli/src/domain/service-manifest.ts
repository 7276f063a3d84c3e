import { z } from 'zod';

/** A platform service found under apps/<dir>: started by `up` as `node apps/<dir>/dist/main.js`. */
export interface ServiceDef {
  readonly name: string;
  readonly dir: string;
  readonly httpPort: number;
}

const ManifestSchema = z.object({
  swarmops: z
    .object({
      service: z.string().regex(/^[a-z][a-z0-9-]*$/, 'service must be a kebab-case name'),
      httpPort: z.number().int().min(1).max(65535),
    })
    .optional(),
});

/**
 * Reads the `swarmops` field of an app's package.json. Returns undefined for apps that are not
 * services (no field), throws naming the app when the field is malformed.
 */
export function parseServiceManifest(dir: string, manifest: unknown): ServiceDef | undefined {
  const parsed = ManifestSchema.safeParse(manifest);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.join('.') : 'swarmops';
    throw new Error(`apps/${dir}/package.json: invalid "${where}": ${issue?.message ?? 'malformed'}`);
  }
  const field = parsed.data.swarmops;
  return field === undefined ? undefined : { name: field.service, dir, httpPort: field.httpPort };
}

/** Orders services by port (the gateway, 7070, last so its dependencies are ready first). */
export function orderServices(services: readonly ServiceDef[]): ServiceDef[] {
  const gatewayLast = (s: ServiceDef): number => (s.name === 'mcp-gateway' ? 1 : 0);
  return [...services].sort((a, b) => gatewayLast(a) - gatewayLast(b) || a.httpPort - b.httpPort);
}

/** Fails when two services claim the same port or name. */
export function checkServiceConflicts(services: readonly ServiceDef[]): void {
  const seen = new Map<string, string>();
  for (const s of services) {
    for (const key of [`port ${s.httpPort}`, `name ${s.name}`]) {
      const other = seen.get(key);
      if (other !== undefined) throw new Error(`apps/${s.dir} and apps/${other} both use ${key}`);
      seen.set(key, s.dir);
    }
  }
}
