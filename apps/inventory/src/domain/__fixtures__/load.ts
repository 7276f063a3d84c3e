// Test-only: loads the Docker JSON captured from a real engine (20.10, single-node swarm).
import { readFileSync } from 'node:fs';
import type { RawConfigOrSecret, RawNetwork, RawNode, RawService, RawSwarm, RawTask } from '../raw-docker.js';

function load<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(`./${file}`, import.meta.url), 'utf8')) as T;
}

export const fixtures = {
  swarm: () => load<RawSwarm>('swarm.json'),
  nodes: () => load<RawNode[]>('nodes.json'),
  services: () => load<RawService[]>('services.json'),
  tasks: () => load<RawTask[]>('tasks.json'),
  networks: () => load<RawNetwork[]>('networks.json'),
  configs: () => load<RawConfigOrSecret[]>('configs.json'),
  secrets: () => load<RawConfigOrSecret[]>('secrets.json'),
};
