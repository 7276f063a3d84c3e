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
