import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { create as createTar } from 'tar';
import { BackupManifestSchema } from '@swarmops/contracts';
import { describe, expect, it } from 'vitest';
import type { ArchiveContents } from '../domain/cluster-state.js';
import { canonicalJson, sha256Hex } from './canonical-json.js';
import { encrypt } from './crypto.js';
import { readArchive } from './read-archive.js';
import { SAMPLE_META, sampleContents } from './sample-contents.js';
import { packTarGz, unpackTarGz } from './tar-gz.js';
import type { TarEntry } from './tar-gz.js';
import { writeArchive } from './write-archive.js';

const KEY = randomBytes(32);

/** Unpacks an archive, lets `edit` change its entries, packs it again (the manifest stays as it was). */
async function tamper(bytes: Buffer, edit: (entries: TarEntry[]) => TarEntry[]): Promise<Buffer> {
  const unpacked = await unpackTarGz(bytes);
  return packTarGz(edit(unpacked.entries), new Date(SAMPLE_META.createdAt));
}

function codes(problems: readonly { code: string }[]): string[] {
  return problems.map((problem) => problem.code);
}

describe('writeArchive / readArchive', () => {
  it('round-trips every part, with manifest.json first and a checksum for each part', async () => {
    const contents = sampleContents();
    const { bytes, manifest } = await writeArchive(contents, SAMPLE_META);
    const unpacked = await unpackTarGz(bytes);
    expect(unpacked.entries.map((entry) => entry.path)).toEqual([
      'manifest.json',
      'swarm.json',
      'nodes.json',
      'networks.json',
      'configs.json',
      'secrets.json',
      'services.json',
      'stacks/shop.json',
      'database.pgdump',
    ]);
    for (const part of manifest.parts) {
      const entry = unpacked.entries.find((candidate) => candidate.path === part.path);
      expect(sha256Hex(entry!.data)).toBe(part.sha256);
      expect(entry!.data.length).toBe(part.sizeBytes);
    }
    expect(manifest.counts).toEqual({
      stacks: 1,
      services: 2,
      networks: 1,
      configs: 1,
      secrets: 1,
      nodes: 1,
      stackVersions: 2,
    });
    expect(manifest.limitations.join(' ')).toMatch(/Secret values are not included/);
    expect(manifest.limitations.join(' ')).toMatch(/CA keys/);
    expect(manifest.limitations.join(' ')).toMatch(/same hostname/);

    const read = await readArchive(bytes);
    expect(read.problems).toEqual([]);
    expect(read.manifest).toEqual(manifest);
    expect(read.contents).toEqual(contents);
  });

  it('writes pretty-printed JSON with sorted keys, byte for byte the same for the same contents', async () => {
    const first = await writeArchive(sampleContents(), SAMPLE_META);
    const reordered = sampleContents();
    reordered.services[0]!.spec = Object.fromEntries(
      Object.entries(reordered.services[0]!.spec).reverse(),
    ) as (typeof reordered.services)[0]['spec'];
    const second = await writeArchive(reordered, SAMPLE_META);
    expect(second.bytes.equals(first.bytes)).toBe(true);
    const services = (await unpackTarGz(first.bytes)).entries.find(
      (entry) => entry.path === 'services.json',
    )!;
    const text = services.data.toString('utf8');
    expect(text).toContain('\n  {\n    "createdAt"');
    expect(text.indexOf('"Labels"')).toBeLessThan(text.indexOf('"Mode"'));
  });

  it('is readable by a manifest schema parse alone (the first entry is a valid BackupManifest)', async () => {
    const { bytes } = await writeArchive(sampleContents(), SAMPLE_META);
    const first = (await unpackTarGz(bytes)).entries[0]!;
    expect(BackupManifestSchema.parse(JSON.parse(first.data.toString('utf8'))).backupId).toBe(
      SAMPLE_META.backupId,
    );
  });

  it('reads an archive without a database dump as database null', async () => {
    const contents: ArchiveContents = { ...sampleContents(), database: null, swarm: null };
    const { bytes, manifest } = await writeArchive(contents, { ...SAMPLE_META, stacks: ['shop'] });
    expect(manifest.parts.map((part) => part.path)).not.toContain('database.pgdump');
    const read = await readArchive(bytes);
    expect(read.problems).toEqual([]);
    expect(read.contents).toEqual(contents);
    expect(read.manifest?.stacks).toEqual(['shop']);
  });

  it('round-trips an encrypted archive with the key', async () => {
    const { bytes } = await writeArchive(sampleContents(), SAMPLE_META);
    const read = await readArchive(encrypt(bytes, KEY), { key: KEY });
    expect(read.problems).toEqual([]);
    expect(read.contents).toEqual(sampleContents());
  });
});

describe('readArchive on a bad archive', () => {
  it('reports a flipped byte in an unencrypted archive', async () => {
    const { bytes } = await writeArchive(sampleContents(), SAMPLE_META);
    for (const offset of [3, Math.floor(bytes.length / 2), bytes.length - 6]) {
      const damaged = Buffer.from(bytes);
      damaged[offset] = damaged[offset]! ^ 0xff;
      const read = await readArchive(damaged);
      expect(read.contents).toBeNull();
      expect(read.problems.length).toBeGreaterThan(0);
      expect(codes(read.problems)[0]).toMatch(/^(unreadable|checksum-mismatch)$/);
    }
  });

  it('reports a changed part whose manifest checksum no longer matches, naming the part', async () => {
    const { bytes } = await writeArchive(sampleContents(), SAMPLE_META);
    const changed = await tamper(bytes, (entries) =>
      entries.map((entry) =>
        entry.path === 'configs.json'
          ? { ...entry, data: Buffer.from(entry.data.toString().replace('shop_nginx', 'shop_nginX')) }
          : entry,
      ),
    );
    const read = await readArchive(changed);
    expect(read.contents).toBeNull();
    expect(read.problems).toEqual([
      expect.objectContaining({ code: 'checksum-mismatch', part: 'configs.json' }),
    ]);
  });

  it('reports a flipped byte in an encrypted archive as decrypt-failed', async () => {
    const { bytes } = await writeArchive(sampleContents(), SAMPLE_META);
    const encrypted = encrypt(bytes, KEY);
    encrypted[encrypted.length >> 1] = encrypted[encrypted.length >> 1]! ^ 0x01;
    const read = await readArchive(encrypted, { key: KEY });
    expect(read).toEqual({
      manifest: null,
      contents: null,
      problems: [
        {
          code: 'decrypt-failed',
          part: null,
          message: 'cannot decrypt: wrong BACKUP_ENCRYPTION_KEY or a damaged file',
        },
      ],
    });
  });

  it('reports a wrong key as decrypt-failed and a missing key naming BACKUP_ENCRYPTION_KEY', async () => {
    const { bytes } = await writeArchive(sampleContents(), SAMPLE_META);
    const encrypted = encrypt(bytes, KEY);
    const wrong = await readArchive(encrypted, { key: randomBytes(32) });
    expect(codes(wrong.problems)).toEqual(['decrypt-failed']);
    const none = await readArchive(encrypted);
    expect(codes(none.problems)).toEqual(['decrypt-failed']);
    expect(none.problems[0]!.message).toMatch(/BACKUP_ENCRYPTION_KEY is not set/);
  });

  it('reports a part dropped from the archive as missing-part', async () => {
    const { bytes } = await writeArchive(sampleContents(), SAMPLE_META);
    const dropped = await tamper(bytes, (entries) =>
      entries.filter((entry) => entry.path !== 'services.json'),
    );
    const read = await readArchive(dropped);
    expect(read.contents).toBeNull();
    expect(read.problems).toEqual([expect.objectContaining({ code: 'missing-part', part: 'services.json' })]);
  });

  it('reports an entry the manifest does not list as unexpected-part', async () => {
    const { bytes } = await writeArchive(sampleContents(), SAMPLE_META);
    const added = await tamper(bytes, (entries) => [
      ...entries,
      { path: 'stacks/evil.json', data: Buffer.from('{}') },
    ]);
    const read = await readArchive(added);
    expect(read.contents).toBeNull();
    expect(read.problems).toEqual([
      expect.objectContaining({ code: 'unexpected-part', part: 'stacks/evil.json' }),
    ]);
  });

  it('reads an archive unpacked and packed again with `tar -C dir -czf out .`, and names the part it dropped', async () => {
    const { bytes } = await writeArchive(sampleContents(), SAMPLE_META);
    const dir = await mkdtemp(join(tmpdir(), 'archive-repack-'));
    try {
      for (const entry of (await unpackTarGz(bytes)).entries) {
        await mkdir(dirname(join(dir, 'tree', entry.path)), { recursive: true });
        await writeFile(join(dir, 'tree', entry.path), entry.data);
      }
      await createTar({ gzip: true, cwd: join(dir, 'tree'), file: join(dir, 'same.tar.gz') }, ['.']);
      const same = await readArchive(await readFile(join(dir, 'same.tar.gz')));
      expect(same.problems).toEqual([]);
      expect(same.contents).toEqual(sampleContents());

      await rm(join(dir, 'tree', 'stacks', 'shop.json'));
      await createTar({ gzip: true, cwd: join(dir, 'tree'), file: join(dir, 'dropped.tar.gz') }, ['.']);
      const dropped = await readArchive(await readFile(join(dir, 'dropped.tar.gz')));
      expect(dropped.problems).toEqual([
        expect.objectContaining({ code: 'missing-part', part: 'stacks/shop.json' }),
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reports an archive without manifest.json', async () => {
    const { bytes } = await writeArchive(sampleContents(), SAMPLE_META);
    const read = await readArchive(await tamper(bytes, (entries) => entries.slice(1)));
    expect(read.manifest).toBeNull();
    expect(read.problems).toEqual([expect.objectContaining({ code: 'missing-part', part: 'manifest.json' })]);
  });

  it('reports a truncated unencrypted file as unreadable and a truncated encrypted one as decrypt-failed', async () => {
    const { bytes } = await writeArchive(sampleContents(), SAMPLE_META);
    for (const length of [0, 10, bytes.length >> 1, bytes.length - 1]) {
      const read = await readArchive(bytes.subarray(0, length));
      expect(read.contents).toBeNull();
      expect(codes(read.problems)[0]).toBe('unreadable');
    }
    const encrypted = encrypt(bytes, KEY);
    for (const length of [8, 30, encrypted.length - 1]) {
      expect(codes((await readArchive(encrypted.subarray(0, length), { key: KEY })).problems)).toEqual([
        'decrypt-failed',
      ]);
    }
  });

  it('reports bytes that are no archive at all as unreadable', async () => {
    const read = await readArchive(randomBytes(2048));
    expect(codes(read.problems)).toEqual(['unreadable']);
  });

  it('reports an invalid spec naming the part and the field path', async () => {
    const contents = sampleContents();
    const spec = contents.services[1]!.spec as Record<string, unknown>;
    delete spec.TaskTemplate;
    const { bytes } = await writeArchive(contents, SAMPLE_META);
    const read = await readArchive(bytes);
    expect(read.contents).toBeNull();
    expect(read.manifest).not.toBeNull();
    expect(read.problems).toEqual([
      {
        code: 'invalid-spec',
        part: 'services.json',
        message: expect.stringMatching(/^services\.json\[1\]\.spec\.TaskTemplate: /) as string,
      },
    ]);
  });

  it('reports invalid parts of every kind, duplicate names and a stack file named after another stack', async () => {
    const contents = sampleContents();
    (contents.nodes[0] as { role: string }).role = 'boss';
    contents.networks.push({ ...contents.networks[0]! });
    contents.stacks[0]!.versions[1]!.version = 0;
    const { bytes } = await writeArchive(contents, SAMPLE_META);
    const renamed = await tamper(bytes, (entries) => entries);
    const read = await readArchive(renamed);
    expect(read.problems.map((problem) => problem.message.split(':')[0])).toEqual([
      'nodes.json[0].role',
      'networks.json[1].name',
      'stacks/shop.json.versions[1].version',
    ]);
  });

  it('refuses another format version as format-version', async () => {
    const { bytes } = await writeArchive(sampleContents(), SAMPLE_META);
    const newer = await tamper(bytes, (entries) =>
      entries.map((entry) =>
        entry.path === 'manifest.json'
          ? {
              ...entry,
              data: canonicalJson({ ...(JSON.parse(entry.data.toString()) as object), formatVersion: 2 }),
            }
          : entry,
      ),
    );
    const read = await readArchive(newer);
    expect(read.problems).toEqual([
      {
        code: 'format-version',
        part: 'manifest.json',
        message: 'archive format version 2 is not supported: this Swarmops reads version 1',
      },
    ]);
  });

  it('reports an invalid manifest with the field path, and counts that do not match the parts', async () => {
    const { bytes } = await writeArchive(sampleContents(), SAMPLE_META);
    const editManifest = (edit: (manifest: Record<string, unknown>) => void) =>
      tamper(bytes, (entries) =>
        entries.map((entry) => {
          if (entry.path !== 'manifest.json') return entry;
          const manifest = JSON.parse(entry.data.toString()) as Record<string, unknown>;
          edit(manifest);
          return { ...entry, data: canonicalJson(manifest) };
        }),
      );
    const badSha = await readArchive(
      await editManifest((manifest) => {
        (manifest.parts as { sha256: string }[])[2]!.sha256 = 'nope';
      }),
    );
    expect(badSha.problems).toEqual([
      expect.objectContaining({ code: 'invalid-manifest', part: 'manifest.json' }),
    ]);
    expect(badSha.problems[0]!.message).toMatch(/^manifest\.json\.parts\[2\]\.sha256: /);

    const badCounts = await readArchive(
      await editManifest((manifest) => {
        (manifest.counts as { services: number }).services = 3;
      }),
    );
    expect(badCounts.problems).toEqual([
      {
        code: 'invalid-manifest',
        part: 'manifest.json',
        message: 'manifest.json.counts.services is 3 but the parts hold 2',
      },
    ]);

    const unknownPart = await readArchive(
      await editManifest((manifest) => {
        (manifest.parts as { path: string }[])[0]!.path = 'etc/passwd';
      }),
    );
    expect(codes(unknownPart.problems)).toEqual([
      'invalid-manifest',
      'missing-part',
      'unexpected-part',
      'missing-part',
    ]);
  });
});
