import { fileURLToPath } from 'node:url';

/**
 * Absolute path of the committed drizzle-kit migrations (`packages/db/drizzle`). Resolved from this
 * module's location, so it works from `src/` (tests) and `dist/` (built) alike: both sit beside `drizzle/`.
 */
export const migrationsFolder: string = fileURLToPath(new URL('../drizzle', import.meta.url));
