export { convertCompose, type ConvertComposeInput } from './convert-compose.js';
export { DANGEROUS_CAPABILITIES, PolicyRule, type PolicyViolation } from './policy.js';
export type { ComposeIssue } from './issues.js';
export type {
  DesiredHealthcheck,
  DesiredNetwork,
  DesiredObject,
  DesiredService,
  DesiredStack,
  PolicyAllowance,
  ServiceModeKind,
} from './types.js';
