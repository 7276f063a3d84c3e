import { z } from 'zod';
import { defineRpc } from '@swarmops/contracts';

/** The echo contract both processes use; `subject` is made unique per run. */
export function echoContract(subject: string) {
  return defineRpc({
    subject,
    request: z.object({ name: z.string().min(1), n: z.number().int().nonnegative() }),
    data: z.object({ name: z.string(), n: z.number().int() }),
  });
}
