import { z } from 'zod';

// The JSON of Prometheus' HTTP API (https://prometheus.io/docs/prometheus/latest/querying/api/). Objects are
// loose: newer Prometheus versions add fields (native histograms, infos) that this client ignores.

/** `[<unix seconds>, "<value>"]`: sample values are strings so NaN and ±Inf survive JSON. */
export const PromPointSchema = z.tuple([z.number(), z.string()]);
export type PromPoint = z.infer<typeof PromPointSchema>;

const Labels = z.record(z.string(), z.string());

export const PromResultSchema = z.discriminatedUnion('resultType', [
  z.looseObject({
    resultType: z.literal('vector'),
    result: z.array(z.looseObject({ metric: Labels, value: PromPointSchema.optional() })),
  }),
  z.looseObject({
    resultType: z.literal('matrix'),
    result: z.array(z.looseObject({ metric: Labels, values: z.array(PromPointSchema).optional() })),
  }),
  z.looseObject({ resultType: z.literal('scalar'), result: PromPointSchema }),
  z.looseObject({ resultType: z.literal('string'), result: PromPointSchema }),
]);
export type PromResult = z.infer<typeof PromResultSchema>;

/** Every API answer: `status` plus `data` on success, `errorType`/`error` on failure; `warnings` either way. */
export const PromEnvelopeSchema = z.looseObject({
  status: z.enum(['success', 'error']),
  data: z.unknown().optional(),
  errorType: z.string().optional(),
  error: z.string().optional(),
  warnings: z.array(z.string()).optional(),
});
export type PromEnvelope = z.infer<typeof PromEnvelopeSchema>;

/** Parses one sample value: `NaN`, `+Inf`, `-Inf` or a decimal number. */
export function parseSampleValue(value: string): number {
  if (value === '+Inf' || value === 'Inf') return Number.POSITIVE_INFINITY;
  if (value === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(value);
}
