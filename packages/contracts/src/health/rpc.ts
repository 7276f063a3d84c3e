import { listDataSchema } from '../paging.js';
import { defineRpc } from '../rpc.js';
import { Subjects } from '../subjects.js';
import { ServiceDiagnosisSchema } from './diagnosis.js';
import { HealingPolicySchema, HealingRecordSchema } from './healing.js';
import { HealthReportSchema, HealthReportSummarySchema } from './report.js';
import {
  CheckRunRequestSchema,
  HealingListRequestSchema,
  PolicyListRequestSchema,
  PolicySetRequestSchema,
  ReportsGetRequestSchema,
  ReportsListRequestSchema,
  ServiceDiagnoseRequestSchema,
} from './requests.js';

const s = Subjects.health;

/** The request/reply contracts health serves. It changes the cluster only by asking the deployer. */
export const HealthRpc = {
  checkRun: defineRpc({ subject: s.checkRun, request: CheckRunRequestSchema, data: HealthReportSchema }),
  reportsGet: defineRpc({
    subject: s.reportsGet,
    request: ReportsGetRequestSchema,
    data: HealthReportSchema,
  }),
  reportsList: defineRpc({
    subject: s.reportsList,
    request: ReportsListRequestSchema,
    data: listDataSchema(HealthReportSummarySchema),
  }),
  serviceDiagnose: defineRpc({
    subject: s.serviceDiagnose,
    request: ServiceDiagnoseRequestSchema,
    data: ServiceDiagnosisSchema,
  }),
  policySet: defineRpc({ subject: s.policySet, request: PolicySetRequestSchema, data: HealingPolicySchema }),
  policyList: defineRpc({
    subject: s.policyList,
    request: PolicyListRequestSchema,
    data: listDataSchema(HealingPolicySchema),
  }),
  healingList: defineRpc({
    subject: s.healingList,
    request: HealingListRequestSchema,
    data: listDataSchema(HealingRecordSchema),
  }),
} as const;
