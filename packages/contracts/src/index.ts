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
