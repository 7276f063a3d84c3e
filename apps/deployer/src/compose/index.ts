export { convertCompose, type ConvertComposeInput } from './convert-compose.js';
export { DANGEROUS_CAPABILITIES, PolicyRule, type PolicyViolation } from './policy.js';
export { LABEL_IMAGE } from './service.js';
export type { ComposeIssue } from './issues.js';
export type {
  EngineConfigReference,
  EngineContainerSpec,
  EngineHealthConfig,
  EngineMount,
  EngineNetworkAttachment,
  EnginePortConfig,
  EngineSecretReference,
  EngineServiceSpec,
} from './engine-types.js';
export type {
  DesiredHealthcheck,
  DesiredNetwork,
  DesiredObject,
  DesiredService,
  DesiredStack,
  PolicyAllowance,
  ServiceModeKind,
} from './types.js';
