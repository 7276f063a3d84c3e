import { listDataSchema } from '../paging.js';
import { defineRpc } from '../rpc.js';
import { Subjects } from '../subjects.js';
import { ConfigMetaSchema, SecretMetaSchema } from '../model/config-meta.js';
import { NetworkSchema } from '../model/network.js';
import { NodeSchema } from '../model/node.js';
import { ServiceSchema } from '../model/service.js';
import { StackSchema } from '../model/stack.js';
import { TaskSchema } from '../model/task.js';
import {
  ClusterSummaryRequestSchema,
  NamedListRequestSchema,
  NodesGetRequestSchema,
  NodesListRequestSchema,
  ServicesGetRequestSchema,
  ServicesListRequestSchema,
  StacksGetRequestSchema,
  StacksListRequestSchema,
  TasksListRequestSchema,
} from './requests.js';
import { ServiceDetailSchema } from './service-detail.js';
import { ClusterSummarySchema } from './summary.js';

const s = Subjects.inventory;

/** The request/reply contracts inventory serves. Reads only; answered from PostgreSQL. */
export const InventoryRpc = {
  nodesList: defineRpc({
    subject: s.nodesList,
    request: NodesListRequestSchema,
    data: listDataSchema(NodeSchema),
  }),
  nodesGet: defineRpc({ subject: s.nodesGet, request: NodesGetRequestSchema, data: NodeSchema }),
  servicesList: defineRpc({
    subject: s.servicesList,
    request: ServicesListRequestSchema,
    data: listDataSchema(ServiceSchema),
  }),
  servicesGet: defineRpc({
    subject: s.servicesGet,
    request: ServicesGetRequestSchema,
    data: ServiceDetailSchema,
  }),
  tasksList: defineRpc({
    subject: s.tasksList,
    request: TasksListRequestSchema,
    data: listDataSchema(TaskSchema),
  }),
  stacksList: defineRpc({
    subject: s.stacksList,
    request: StacksListRequestSchema,
    data: listDataSchema(StackSchema),
  }),
  stacksGet: defineRpc({ subject: s.stacksGet, request: StacksGetRequestSchema, data: StackSchema }),
  networksList: defineRpc({
    subject: s.networksList,
    request: NamedListRequestSchema,
    data: listDataSchema(NetworkSchema),
  }),
  configsList: defineRpc({
    subject: s.configsList,
    request: NamedListRequestSchema,
    data: listDataSchema(ConfigMetaSchema),
  }),
  secretsList: defineRpc({
    subject: s.secretsList,
    request: NamedListRequestSchema,
    data: listDataSchema(SecretMetaSchema),
  }),
  clusterSummary: defineRpc({
    subject: s.clusterSummary,
    request: ClusterSummaryRequestSchema,
    data: ClusterSummarySchema,
  }),
} as const;
