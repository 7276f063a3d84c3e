import { Registry } from 'prom-client';

/**
 * `/metrics` as one registry over several: the service's own registry carries the `service` default label
 * every Swarmops service adds, while the exporter's registry must not (its `swarm_node_*` and
 * `swarm_exporter_*` series would all read `service="metrics-analyst"`, and its `service` label names the
 * swarm service measured). Each part renders with its own default labels.
 */
export class CombinedRegistry extends Registry {
  readonly #parts: readonly Registry[];

  constructor(parts: readonly Registry[]) {
    super();
    this.#parts = parts;
  }

  override async metrics(): Promise<string> {
    const texts = await Promise.all(this.#parts.map((part) => part.metrics()));
    return texts.map((text) => (text === '' || text.endsWith('\n') ? text : `${text}\n`)).join('');
  }
}
