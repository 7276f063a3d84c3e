export { planRestore, type PlanRestoreInput } from './plan-restore.js';
export { selectRestoreScope, type RestoreFilters, type RestoreScope } from './restore-scope.js';
export { MAX_GROUP_ITEMS, toApplyGroups, type ApplyGroup } from './apply-groups.js';
export { networkItem, serviceItem } from './apply-items.js';
export { runRestore, type RunRestoreInput, type RunRestoreResult } from './run-restore.js';
export { fieldChanges } from './field-changes.js';
export { serviceReferences, type ServiceReferences } from './references.js';
export { swarmSettings } from './swarm-settings.js';
