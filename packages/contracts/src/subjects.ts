/**
 * Every request/reply subject of the platform: `swarmops.<service>.<noun>.<verb>`.
 * These strings are a fixed interface (DESIGN.md); change them only through an issue.
 */
export const Subjects = {
  inventory: {
    nodesList: 'swarmops.inventory.nodes.list',
    nodesGet: 'swarmops.inventory.nodes.get',
    servicesList: 'swarmops.inventory.services.list',
    servicesGet: 'swarmops.inventory.services.get',
    tasksList: 'swarmops.inventory.tasks.list',
    stacksList: 'swarmops.inventory.stacks.list',
    stacksGet: 'swarmops.inventory.stacks.get',
    networksList: 'swarmops.inventory.networks.list',
    configsList: 'swarmops.inventory.configs.list',
    secretsList: 'swarmops.inventory.secrets.list',
    clusterSummary: 'swarmops.inventory.cluster.summary',
  },
  deployer: {
    stackDeploy: 'swarmops.deployer.stack.deploy',
    stackPlan: 'swarmops.deployer.stack.plan',
    stackRemove: 'swarmops.deployer.stack.remove',
    stackRollback: 'swarmops.deployer.stack.rollback',
    serviceScale: 'swarmops.deployer.service.scale',
    serviceUpdate: 'swarmops.deployer.service.update',
    serviceRollback: 'swarmops.deployer.service.rollback',
    deploymentsList: 'swarmops.deployer.deployments.list',
    deploymentsGet: 'swarmops.deployer.deployments.get',
    serviceRestart: 'swarmops.deployer.service.restart',
    nodeUpdate: 'swarmops.deployer.node.update',
    restoreApply: 'swarmops.deployer.restore.apply',
  },
  health: {
    checkRun: 'swarmops.health.check.run',
    reportsList: 'swarmops.health.reports.list',
    reportsGet: 'swarmops.health.reports.get',
    serviceDiagnose: 'swarmops.health.service.diagnose',
    policySet: 'swarmops.health.policy.set',
    policyList: 'swarmops.health.policy.list',
    healingList: 'swarmops.health.healing.list',
  },
  backup: {
    create: 'swarmops.backup.create',
    list: 'swarmops.backup.list',
    get: 'swarmops.backup.get',
    verify: 'swarmops.backup.verify',
    restore: 'swarmops.backup.restore',
  },
  metrics: {
    analyze: 'swarmops.metrics.analyze',
    query: 'swarmops.metrics.query',
    serviceUsage: 'swarmops.metrics.service.usage',
  },
} as const;

type Leaves<T> = T extends string ? T : { [K in keyof T]: Leaves<T[K]> }[keyof T];
/** Any request/reply subject. */
export type Subject = Leaves<typeof Subjects>;

/** Every request/reply subject as a flat list. */
export function allSubjects(): Subject[] {
  return Object.values(Subjects).flatMap((group) => Object.values<Subject>(group));
}
