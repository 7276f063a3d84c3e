import { z } from 'zod';
import { defineRpc } from '@swarmops/contracts';

/** A small contract for tests: `{ name, count }` -> `{ greeting }`. */
export function echoContract(subject: string) {
  return defineRpc({
    subject,
    request: z.object({ name: z.string().min(1), count: z.number().int().min(1) }),
    data: z.object({ greeting: z.string() }),
  });
}
