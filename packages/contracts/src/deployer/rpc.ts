import { listDataSchema } from '../paging.js';
import { defineRpc } from '../rpc.js';
import { Subjects } from '../subjects.js';
import { DeploymentSchema, DeploymentSummarySchema } from './deployment.js';
import { PlanSchema } from './plan.js';
import { RestoreApplyDataSchema, RestoreApplyRequestSchema } from './restore-apply.js';
import {
  DeployStackDataSchema,
  NodeUpdateDataSchema,
  RemoveStackDataSchema,
  ServiceChangeDataSchema,
  ServiceScaleDataSchema,
} from './replies.js';
import {
  DeployStackRequestSchema,
  DeploymentsGetRequestSchema,
  DeploymentsListRequestSchema,
  NodeUpdateRequestSchema,
  PlanStackRequestSchema,
  RemoveStackRequestSchema,
  RollbackStackRequestSchema,
  ServiceRestartRequestSchema,
  ServiceRollbackRequestSchema,
  ServiceScaleRequestSchema,
  ServiceUpdateRequestSchema,
} from './requests.js';

const s = Subjects.deployer;

/** The request/reply contracts the deployer serves. It is the only service that changes the cluster. */
export const DeployerRpc = {
  stackDeploy: defineRpc({
    subject: s.stackDeploy,
    request: DeployStackRequestSchema,
    data: DeployStackDataSchema,
  }),
  stackPlan: defineRpc({ subject: s.stackPlan, request: PlanStackRequestSchema, data: PlanSchema }),
  stackRemove: defineRpc({
    subject: s.stackRemove,
    request: RemoveStackRequestSchema,
    data: RemoveStackDataSchema,
  }),
  stackRollback: defineRpc({
    subject: s.stackRollback,
    request: RollbackStackRequestSchema,
    data: DeployStackDataSchema,
  }),
  serviceScale: defineRpc({
    subject: s.serviceScale,
    request: ServiceScaleRequestSchema,
    data: ServiceScaleDataSchema,
  }),
  serviceUpdate: defineRpc({
    subject: s.serviceUpdate,
    request: ServiceUpdateRequestSchema,
    data: ServiceChangeDataSchema,
  }),
  serviceRollback: defineRpc({
    subject: s.serviceRollback,
    request: ServiceRollbackRequestSchema,
    data: ServiceChangeDataSchema,
  }),
  deploymentsList: defineRpc({
    subject: s.deploymentsList,
    request: DeploymentsListRequestSchema,
    data: listDataSchema(DeploymentSummarySchema),
  }),
  deploymentsGet: defineRpc({
    subject: s.deploymentsGet,
    request: DeploymentsGetRequestSchema,
    data: DeploymentSchema,
  }),
  serviceRestart: defineRpc({
    subject: s.serviceRestart,
    request: ServiceRestartRequestSchema,
    data: ServiceChangeDataSchema,
  }),
  nodeUpdate: defineRpc({
    subject: s.nodeUpdate,
    request: NodeUpdateRequestSchema,
    data: NodeUpdateDataSchema,
  }),
  restoreApply: defineRpc({
    subject: s.restoreApply,
    request: RestoreApplyRequestSchema,
    data: RestoreApplyDataSchema,
  }),
} as const;
