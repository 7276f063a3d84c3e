export { outbox, processedEvents } from './platform.js';
export { clusterState, configs, networks, nodes, secrets, services, stacks, tasks } from './inventory.js';
export { apiTokens, auditLog } from './gateway.js';
export { deployments, deploymentSteps, stackVersions } from './deployer.js';
export { healingActions, healingPolicies, healthCheckState, healthChecks, healthReports } from './health.js';
export { backups, restores } from './backup.js';
