import { describe, expect, it } from 'vitest';
import { parseDockerInfo, parseNatsInfoLine } from './probe-parsers.js';

describe('docker info', () => {
  it('reads a swarm manager', () => {
    const json = JSON.stringify({
      ServerVersion: '20.10.24',
      Swarm: { LocalNodeState: 'active', ControlAvailable: true, Managers: 1, Nodes: 3 },
    });
    expect(parseDockerInfo(json)).toEqual({
      version: '20.10.24',
      swarm: 'active',
      role: 'manager',
      managers: 1,
      nodes: 3,
    });
  });

  it('reads an engine outside swarm mode', () => {
    const json = JSON.stringify({ ServerVersion: '28.0.1', Swarm: { LocalNodeState: 'inactive' } });
    expect(parseDockerInfo(json)).toMatchObject({ swarm: 'inactive', role: 'none', nodes: 0 });
  });
});

describe('nats INFO line', () => {
  it('reads the version and JetStream flag', () => {
    const line = 'INFO {"server_id":"N1","version":"2.9.10","jetstream":true,"max_payload":1048576}\r\n';
    expect(parseNatsInfoLine(line)).toEqual({ version: '2.9.10', jetstream: true });
  });

  it('reports JetStream off when the server does not announce it', () => {
    expect(parseNatsInfoLine('INFO {"version":"2.9.10"}')).toEqual({ version: '2.9.10', jetstream: false });
  });

  it('rejects a line from something that is not NATS', () => {
    expect(parseNatsInfoLine('HTTP/1.1 400 Bad Request')).toBeUndefined();
  });
});
