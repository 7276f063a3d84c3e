import { z } from 'zod';

/** Page size of list tools: small by default so results stay readable for a model. */
export const TOOL_PAGE_DEFAULT = 50;
export const TOOL_PAGE_MAX = 200;

/** `limit` and `cursor` of every list tool. */
export const ToolPageShape = {
  limit: z
    .number()
    .int()
    .min(1)
    .max(TOOL_PAGE_MAX)
    .optional()
    .describe(`Items per page, 1-${TOOL_PAGE_MAX} (default ${TOOL_PAGE_DEFAULT}).`),
  cursor: z
    .string()
    .min(1)
    .max(512)
    .optional()
    .describe('The nextCursor of the previous page, to read the next one.'),
};

/** The `{ items, nextCursor }` output of a list tool. */
export function toolPageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z
      .string()
      .nullable()
      .describe('Pass as `cursor` to read the next page; null on the last page.'),
  });
}

/** A bounded name argument (stack, service, node). */
export function nameArg(what: string) {
  return z.string().min(1).max(255).describe(what);
}
