import type { Analyzer } from '../analyzer.js';
import { serviceCrashLoop } from './service-crash-loop.js';
import { serviceHealthcheck } from './service-healthcheck.js';
import { serviceImageDrift } from './service-image-drift.js';
import { servicePending } from './service-pending.js';
import { servicePrivileged } from './service-privileged.js';
import { serviceReplicas } from './service-replicas.js';
import { serviceUpdate } from './service-update.js';

/** Service analyzers: replicas, pending tasks, crash loops, healthchecks, updates, image drift, hygiene. */
export const SERVICE_ANALYZERS: Analyzer[] = [
  serviceReplicas,
  servicePending,
  serviceCrashLoop,
  serviceHealthcheck,
  serviceUpdate,
  serviceImageDrift,
  servicePrivileged,
];
