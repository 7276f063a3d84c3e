import { z } from 'zod';

/** Page size bounds of every list subject. */
export const LIST_LIMIT_DEFAULT = 100;
export const LIST_LIMIT_MAX = 1000;

/**
 * The common part of every list request: `{ limit?, cursor? }`. List subjects extend it with filters.
 * The cursor is opaque to callers.
 */
export const ListRequestSchema = z.object({
  limit: z.number().int().min(1).max(LIST_LIMIT_MAX).default(LIST_LIMIT_DEFAULT),
  cursor: z.string().min(1).max(512).optional(),
});
export type ListRequest = z.infer<typeof ListRequestSchema>;

/** The `data` of every list reply: `{ items, nextCursor }`, with `nextCursor: null` on the last page. */
export function listDataSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
