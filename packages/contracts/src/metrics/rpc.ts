import { defineRpc } from '../rpc.js';
import { Subjects } from '../subjects.js';
import { AnalyzeRequestSchema, QueryRequestSchema, ServiceUsageRequestSchema } from './requests.js';
import { AnalyzeDataSchema, QueryDataSchema, ServiceUsageSchema } from './results.js';

const s = Subjects.metrics;

/** The request/reply contracts metrics-analyst serves. It reads Prometheus and Docker; it changes nothing. */
export const MetricsRpc = {
  analyze: defineRpc({ subject: s.analyze, request: AnalyzeRequestSchema, data: AnalyzeDataSchema }),
  query: defineRpc({ subject: s.query, request: QueryRequestSchema, data: QueryDataSchema }),
  serviceUsage: defineRpc({
    subject: s.serviceUsage,
    request: ServiceUsageRequestSchema,
    data: ServiceUsageSchema,
  }),
} as const;
