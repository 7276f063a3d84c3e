#!/usr/bin/env node
// Applies the committed migrations to DATABASE_URL: `node packages/db/dist/bin/migrate.js`.
import { migrate } from '../migrate.js';

const url = process.env.DATABASE_URL;
if (!url) {
  process.stderr.write(
    'migrate: DATABASE_URL is not set (e.g. postgres://swarmops@127.0.0.1:54329/swarmops)\n',
  );
  process.exit(2);
}

try {
  const result = await migrate({ url });
  process.stdout.write(`migrate: ok, applied ${result.applied}, total ${result.total}\n`);
} catch (err) {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`migrate: failed: ${message}\n`);
  process.exit(1);
}
