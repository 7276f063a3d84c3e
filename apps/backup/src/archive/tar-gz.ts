import { createGunzip } from 'node:zlib';
import { Header, Pack, Parser, ReadEntry } from 'tar';

/** One regular file inside an archive. */
export interface TarEntry {
  path: string;
  data: Buffer;
}

/** What {@link unpackTarGz} recovered, and why it stopped early when it did. */
export interface UnpackedTar {
  entries: TarEntry[];
  /** Paths of entries that are neither regular files nor directories (links, devices...): never read. */
  others: string[];
  /** The gzip stream is damaged (a flipped byte, a truncated file): what zlib said. */
  gzipError: string | null;
  /** The tar stream inside is damaged or cut short: what the parser said. */
  tarError: string | null;
}

/**
 * Packs `entries` in order into a gzipped tar held in memory. Owner, group and permissions are fixed
 * (`portable`, mode 0600) and every mtime is `mtime`, so the same entries give the same bytes.
 */
export async function packTarGz(entries: readonly TarEntry[], mtime: Date): Promise<Buffer> {
  const pack = new Pack({ gzip: true, portable: true });
  const chunks: Buffer[] = [];
  pack.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    pack.on('end', () => resolve());
    pack.on('error', reject);
  });
  for (const entry of entries) {
    const header = new Header({
      path: entry.path,
      mode: 0o600,
      size: entry.data.length,
      mtime,
      type: 'File',
    });
    const readEntry = new ReadEntry(header);
    readEntry.end(entry.data);
    pack.write(readEntry);
  }
  pack.end();
  await finished;
  return Buffer.concat(chunks);
}

/** Decompresses as much of `bytes` as zlib can, keeping the output produced before any error. */
function gunzipTolerant(bytes: Buffer): Promise<{ data: Buffer; error: string | null }> {
  return new Promise((resolve) => {
    const gunzip = createGunzip();
    const chunks: Buffer[] = [];
    let settled = false;
    const settle = (error: string | null) => {
      if (settled) return;
      settled = true;
      resolve({ data: Buffer.concat(chunks), error });
    };
    gunzip.on('data', (chunk: Buffer) => chunks.push(chunk));
    gunzip.on('end', () => settle(null));
    gunzip.on('error', (error: Error) => settle(error.message));
    gunzip.end(bytes);
  });
}

/** Reads the entries of an uncompressed tar; never throws, reports the first problem instead. */
function parseTar(data: Buffer): Promise<Omit<UnpackedTar, 'gzipError'>> {
  return new Promise((resolve) => {
    const entries: TarEntry[] = [];
    const others: string[] = [];
    let tarError: string | null = null;
    const parser = new Parser({
      strict: true,
      onReadEntry: (entry) => {
        // `tar -C dir .` writes `./name` and directory entries: same layout, nothing to read.
        const path = entry.path.replace(/^(\.\/)+/, '');
        if (entry.type === 'Directory') {
          entry.resume();
          return;
        }
        if (entry.type !== 'File' && entry.type !== 'OldFile') {
          others.push(path);
          entry.resume();
          return;
        }
        const chunks: Buffer[] = [];
        entry.on('data', (chunk: Buffer) => chunks.push(chunk));
        entry.on('end', () => {
          const data = Buffer.concat(chunks);
          // An entry cut short by the end of the input is damage, not a part.
          if (entry.size !== undefined && data.length !== entry.size) tarError ??= `${path} is cut short`;
          else entries.push({ path, data });
        });
      },
    });
    parser.on('error', (error: Error) => {
      tarError ??= error.message;
    });
    parser.on('warn', (_code: string, message: string | Error) => {
      tarError ??= typeof message === 'string' ? message : message.message;
    });
    parser.on('end', () => resolve({ entries, others, tarError }));
    parser.end(data);
  });
}

/**
 * Reads a gzipped tar held in memory. Never throws: a damaged gzip or tar stream still yields the entries
 * read before the damage, with the error, so a reader can say which parts survived.
 */
export async function unpackTarGz(bytes: Buffer): Promise<UnpackedTar> {
  const { data, error: gzipError } = await gunzipTolerant(bytes);
  const parsed = await parseTar(data);
  return { ...parsed, gzipError };
}
