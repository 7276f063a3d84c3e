import { z } from 'zod';
import { TimestampSchema } from '../model/common.js';
import { ReplicaCountsSchema } from '../model/service.js';
import { TaskErrorSchema } from '../inventory/service-detail.js';
import { DeploymentSummarySchema } from '../deployer/deployment.js';
import { CheckResultSchema } from './check.js';
import { HealthStatusSchema } from './report.js';

/** A recent platform event about the service (task state changes, scales, updates, deployments). */
export const DiagnosisEventSchema = z.object({
  type: z.string(),
  time: TimestampSchema,
  summary: z.string(),
});

/** The answer to `diagnose_service`: why the service is (not) converging, with the evidence and fixes. */
export const ServiceDiagnosisSchema = z.object({
  service: z.string(),
  stack: z.string().nullable(),
  status: HealthStatusSchema,
  /** One or two sentences: the most likely cause first. */
  summary: z.string(),
  replicas: ReplicaCountsSchema,
  /** The service's analyzers (every check whose subject is this service). */
  checks: z.array(CheckResultSchema),
  taskErrors: z.array(TaskErrorSchema),
  recentEvents: z.array(DiagnosisEventSchema),
  recentDeployments: z.array(DeploymentSummarySchema),
  /** The fixes to try, most likely first, de-duplicated. */
  fixes: z.array(z.string()),
  checkedAt: TimestampSchema,
});
export type ServiceDiagnosis = z.infer<typeof ServiceDiagnosisSchema>;
