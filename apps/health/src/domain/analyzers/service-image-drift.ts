import type { CheckResult } from '@swarmops/contracts';
import type { Analyzer } from '../analyzer.js';
import { serviceSubject, tasksByService } from './service-facts.js';

/** Update states during which tasks on two images are expected. */
const ROLLING = new Set(['updating', 'rollback_started']);

/**
 * `service.image-drift`: the running tasks of one service run different image references (tag or digest),
 * outside a rolling update in progress (a paused update included). Needs the task `image` inventory records;
 * tasks without one are not compared.
 */
export const serviceImageDrift: Analyzer = {
  id: 'service.image-drift',
  title: 'running tasks of one service on different images',
  subjectKind: 'service',
  analyze(snapshot) {
    const byService = tasksByService(snapshot);
    const results: CheckResult[] = [];
    let compared = 0;
    for (const service of snapshot.services) {
      if (ROLLING.has(service.updateStatus?.state ?? '')) continue;
      const running = (byService.get(service.id) ?? []).filter(
        (t) => t.state === 'running' && t.desiredState === 'running' && t.image !== undefined,
      );
      if (running.length === 0) continue;
      compared += 1;
      const images = new Map<string, string[]>();
      for (const t of running) images.set(t.image!, [...(images.get(t.image!) ?? []), t.id]);
      const offSpec = running.filter((t) => t.image !== service.image).length;
      if (images.size < 2 && offSpec === 0) continue;
      const updateState = service.updateStatus?.state ?? null;
      results.push({
        id: 'service.image-drift',
        status: 'warn',
        severity: 'medium',
        subject: serviceSubject(service),
        message: `${service.name} runs ${images.size} different images across ${running.length} running tasks${updateState ? ` (update ${updateState})` : ''}; the spec says ${service.image}`,
        evidence: {
          serviceImage: service.image,
          images: Object.fromEntries(images),
          tasksOffSpec: offSpec,
          updateState,
        },
        fix:
          updateState === 'paused'
            ? `the paused update left old and new tasks side by side: fix the update and resume it (\`docker service update --force ${service.name}\`) or \`docker service rollback ${service.name}\``
            : `bring every task onto the spec's image: \`docker service update --force ${service.name}\` (pin images by digest to stop nodes resolving a tag differently)`,
      });
    }
    if (results.length > 0) return results;
    return [
      {
        id: 'service.image-drift',
        status: 'ok',
        severity: 'info',
        subject: 'cluster',
        message: `the running tasks of each of ${compared} services run one image`,
        evidence: { servicesCompared: compared, services: snapshot.services.length },
      },
    ];
  },
};
