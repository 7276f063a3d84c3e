import { readFile } from 'node:fs/promises';
import { encryptSecretsYaml, readSecretsFile, SecretsFileError } from '../archive/secrets-file.js';
import { writeFileAtomic } from '../archive/atomic-file.js';
import { ConfigSchema } from '../config.js';

/** Where the CLI writes; process.stdout / process.stderr in the bin, strings in tests. */
export interface CliIo {
  env: Record<string, string | undefined>;
  out: (line: string) => void;
  err: (line: string) => void;
}

const USAGE = [
  'usage: secrets-file encrypt <in.yaml> <out.enc>   encrypt a YAML map `secretName: value` for BACKUP_SECRETS_FILE',
  '       secrets-file check <file.enc>              decrypt it and list the secret names (never the values)',
  'The key is read from BACKUP_ENCRYPTION_KEY (32 bytes: 64 hex digits or base64, e.g. `openssl rand -base64 32`).',
].join('\n');

class UsageError extends Error {}

function keyFrom(env: CliIo['env']): Buffer {
  const raw = env.BACKUP_ENCRYPTION_KEY;
  if (raw === undefined || raw.trim() === '') throw new UsageError('BACKUP_ENCRYPTION_KEY is not set');
  const parsed = ConfigSchema.shape.BACKUP_ENCRYPTION_KEY.safeParse(raw);
  if (!parsed.success || parsed.data === undefined) {
    throw new UsageError(`BACKUP_ENCRYPTION_KEY: ${parsed.error?.issues[0]?.message ?? 'expected 32 bytes'}`);
  }
  return parsed.data;
}

async function encryptCommand(input: string, output: string, io: CliIo): Promise<void> {
  const key = keyFrom(io.env);
  let text: string;
  try {
    text = await readFile(input, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${input}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const { bytes, names } = encryptSecretsYaml(text, key, input);
  await writeFileAtomic(output, bytes, 0o600);
  io.out(
    `encrypted ${names.length} secret${names.length === 1 ? '' : 's'} into ${output}: ${names.sort().join(', ')}`,
  );
}

async function checkCommand(file: string, io: CliIo): Promise<void> {
  const values = await readSecretsFile(file, keyFrom(io.env), { source: file });
  io.out(`${file}: ${values.size} secret${values.size === 1 ? '' : 's'}`);
  for (const name of [...values.keys()].sort()) io.out(name);
}

/** Runs `secrets-file <command> ...`; returns the exit code (0 ok, 1 failed, 2 bad usage). Never prints a value. */
export async function runSecretsFileCli(args: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  try {
    if (command === 'encrypt' && rest.length === 2) await encryptCommand(rest[0]!, rest[1]!, io);
    else if (command === 'check' && rest.length === 1) await checkCommand(rest[0]!, io);
    else if (command === 'help' || command === '--help' || command === '-h') io.out(USAGE);
    else {
      io.err(USAGE);
      return 2;
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof SecretsFileError) {
      io.err(`secrets-file: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
