export {
  AppError,
  ErrorBodySchema,
  ErrorCode,
  ErrorCodeSchema,
  isAppError,
  toAppError,
  type AppErrorOptions,
  type ErrorBody,
} from './errors.js';
export { describeZodError, formatPath, parseOrThrow, type FieldIssue } from './zod-issues.js';
export { fail, ok, replySchema, type Reply } from './reply.js';
export { defineRpc, type RpcContract, type RpcData, type RpcInput, type RpcRequest } from './rpc.js';
export {
  LIST_LIMIT_DEFAULT,
  LIST_LIMIT_MAX,
  ListRequestSchema,
  listDataSchema,
  type ListRequest,
} from './paging.js';
export {
  EVENTS_PREFIX,
  EVENTS_STREAM,
  EVENTS_SUBJECTS,
  EventEnvelopeSchema,
  EventTypeSchema,
  TraceparentSchema,
  createEvent,
  eventSubject,
  type EventEnvelope,
  type EventFactoryDeps,
} from './events.js';
export { Subjects, allSubjects, type Subject } from './subjects.js';
export { DockerIdSchema, LabelsSchema, TimestampSchema } from './model/common.js';
export {
  NodeAvailability,
  NodeResourcesSchema,
  NodeRole,
  NodeSchema,
  NodeStatus,
  type Node,
} from './model/node.js';
export { PublishedPortSchema, ReplicaCountsSchema, ServiceSchema, type Service } from './model/service.js';
export { StackSchema, type Stack } from './model/stack.js';
export { TaskSchema, TaskStateSchema, TaskStates, type Task, type TaskState } from './model/task.js';
export { NetworkSchema, type Network } from './model/network.js';
export { ConfigMetaSchema, SecretMetaSchema, type ConfigMeta, type SecretMeta } from './model/config-meta.js';
export { ClusterSummarySchema, type ClusterSummary } from './inventory/summary.js';
export {
  ServiceDetailSchema,
  TaskErrorSchema,
  type ServiceDetail,
  type TaskError,
} from './inventory/service-detail.js';
export {
  FieldChangeSchema,
  InventoryChangeSchema,
  InventoryEventType,
  InventoryKind,
  InventoryKindSchema,
  type InventoryChange,
} from './inventory/change.js';
export {
  ClusterSummaryRequestSchema,
  LabelFilterSchema,
  NamedListRequestSchema,
  NodesGetRequestSchema,
  NodesListRequestSchema,
  ServicesGetRequestSchema,
  ServicesListRequestSchema,
  StacksGetRequestSchema,
  StacksListRequestSchema,
  TasksListRequestSchema,
} from './inventory/requests.js';
export { InventoryRpc } from './inventory/rpc.js';
export { ROLES_ASCENDING, Role, RoleSchema } from './gateway/role.js';
export {
  AuditDecision,
  AuditDecisionSchema,
  AuditEntrySchema,
  AuditLogListRequestSchema,
  AuditOutcome,
  AuditOutcomeSchema,
  GatewayEventType,
  type AuditEntry,
  type AuditLogListRequest,
} from './gateway/audit.js';
export {
  PlanAction,
  PlanActionSchema,
  PlanChangeSchema,
  PlanFieldChangeSchema,
  PlanObjectKind,
  PlanObjectKindSchema,
  PlanSchema,
  PlanWarningSchema,
  type Plan,
  type PlanChange,
  type PlanFieldChange,
  type PlanWarning,
} from './deployer/plan.js';
export {
  DeployerEventType,
  DeploymentEventDataSchema,
  DeploymentKind,
  DeploymentKindSchema,
  DeploymentProgressSchema,
  DeploymentRecovery,
  DeploymentRecoverySchema,
  DeploymentSchema,
  DeploymentStatus,
  DeploymentStatusSchema,
  DeploymentStepSchema,
  DeploymentSummarySchema,
  ServiceReplicasSchema,
  Strategy,
  StrategySchema,
  type Deployment,
  type DeploymentProgress,
  type DeploymentStep,
  type DeploymentSummary,
  type ServiceReplicas,
} from './deployer/deployment.js';
export {
  CanaryOptionsSchema,
  ComposeEnvSchema,
  ComposeTextSchema,
  DEPLOY_TIMEOUT_DEFAULT_SECONDS,
  DeployStackRequestSchema,
  DeploymentsGetRequestSchema,
  DeploymentsListRequestSchema,
  NodeUpdateRequestSchema,
  PlanStackRequestSchema,
  RemoveStackRequestSchema,
  RollbackStackRequestSchema,
  ServiceRefSchema,
  ServiceRestartRequestSchema,
  ServiceRollbackRequestSchema,
  ServiceScaleRequestSchema,
  ServiceUpdateRequestSchema,
  StackNameSchema,
  TimeoutSecondsSchema,
  type CanaryOptions,
} from './deployer/requests.js';
export {
  DeployStackDataSchema,
  NodeUpdateDataSchema,
  RemoveStackDataSchema,
  ServiceChangeDataSchema,
  ServiceScaleDataSchema,
  type DeployStackData,
  type NodeUpdateData,
  type RemoveStackData,
  type ServiceChangeData,
  type ServiceScaleData,
} from './deployer/replies.js';
export { DeployerRpc } from './deployer/rpc.js';
export {
  CheckIdSchema,
  CheckResultSchema,
  CheckStatus,
  CheckStatusSchema,
  CheckSubjectSchema,
  Severity,
  SeveritySchema,
  checkKey,
  type CheckResult,
} from './health/check.js';
export {
  HealthReportSchema,
  HealthReportSummarySchema,
  HealthScopeSchema,
  HealthStatus,
  HealthStatusSchema,
  HealthTriggerSchema,
  type HealthReport,
  type HealthReportSummary,
  type HealthScope,
  type HealthTrigger,
} from './health/report.js';
export {
  HEALING_ACTION_FOR_CHECK,
  HealingAction,
  HealingActionSchema,
  HealingMode,
  HealingModeSchema,
  HealingOutcomeSchema,
  HealingPolicySchema,
  HealingRecordSchema,
  type HealingOutcome,
  type HealingPolicy,
  type HealingRecord,
} from './health/healing.js';
export {
  CheckRunRequestSchema,
  HealableCheckIdSchema,
  HealingListRequestSchema,
  PolicyListRequestSchema,
  PolicySetRequestSchema,
  ReportsGetRequestSchema,
  ReportsListRequestSchema,
  ServiceDiagnoseRequestSchema,
  type HealableCheckId,
} from './health/requests.js';
export { DiagnosisEventSchema, ServiceDiagnosisSchema, type ServiceDiagnosis } from './health/diagnosis.js';
export {
  HealthCheckEventDataSchema,
  HealthEventType,
  HealthVerdictEventDataSchema,
} from './health/events.js';
export { HealthRpc } from './health/rpc.js';
export {
  RestoreApplyDataSchema,
  RestoreApplyItemSchema,
  RestoreApplyOutcomeSchema,
  RestoreApplyRequestSchema,
  type RestoreApplyData,
  type RestoreApplyItem,
  type RestoreApplyOutcome,
} from './deployer/restore-apply.js';
export {
  ArchivePartKind,
  ArchivePartKindSchema,
  ArchivedConfigSchema,
  ArchivedNetworkSchema,
  ArchivedNodeSchema,
  ArchivedSecretSchema,
  ArchivedServiceSchema,
  ArchivedServiceSpecSchema,
  ArchivedStackSchema,
  ArchivedStackVersionSchema,
  ArchivedSwarmSchema,
  BACKUP_FORMAT_VERSION,
  BackupCountsSchema,
  BackupIdSchema,
  BackupManifestSchema,
  ManifestPartSchema,
  type ArchivedConfig,
  type ArchivedNetwork,
  type ArchivedNode,
  type ArchivedSecret,
  type ArchivedService,
  type ArchivedStack,
  type ArchivedStackVersion,
  type ArchivedSwarm,
  type BackupCounts,
  type BackupId,
  type BackupManifest,
  type ManifestPart,
} from './backup/archive.js';
export {
  BackupSummarySchema,
  BackupTriggerSchema,
  type BackupSummary,
  type BackupTrigger,
} from './backup/backup.js';
export {
  BackupProblemSchema,
  RestoreActionSchema,
  RestoreObjectKind,
  RestoreObjectKindSchema,
  RestorePlanItemSchema,
  RestorePlanSchema,
  RestoreResultSchema,
  VerifyResultSchema,
  type BackupProblem,
  type RestoreAction,
  type RestorePlan,
  type RestorePlanItem,
  type RestoreResult,
  type VerifyResult,
} from './backup/restore.js';
export {
  BackupCreateRequestSchema,
  BackupGetRequestSchema,
  BackupListRequestSchema,
  BackupRestoreRequestSchema,
  BackupVerifyRequestSchema,
} from './backup/requests.js';
export { BackupEventDataSchema, BackupEventType, type BackupEventData } from './backup/events.js';
export { BackupRpc } from './backup/rpc.js';
export {
  normalizeConfigSpec,
  normalizeNetworkSpec,
  normalizeSecretSpec,
  normalizeServiceSpec,
  type NormalizeServiceOptions,
  type NormalizedSpec,
} from './backup/normalize-spec.js';
export {
  InsightEvidenceSchema,
  InsightKind,
  InsightKindSchema,
  InsightSchema,
  type Insight,
  type InsightEvidence,
} from './metrics/insight.js';
export {
  ANALYZE_WINDOW_DEFAULT,
  ANALYZE_WINDOW_MAX_SECONDS,
  AnalyzeFocusSchema,
  AnalyzeRequestSchema,
  AnalyzeWindowSchema,
  PromDurationSchema,
  QueryRequestSchema,
  QueryTimeSchema,
  ServiceUsageRequestSchema,
  durationSeconds,
  type AnalyzeFocus,
  type QueryRequest,
} from './metrics/requests.js';
export {
  AnalyzeDataSchema,
  QueryDataSchema,
  QuerySeriesSchema,
  ServiceUsageSchema,
  type AnalyzeData,
  type QueryData,
  type ServiceUsage,
} from './metrics/results.js';
export { MetricsRpc } from './metrics/rpc.js';
