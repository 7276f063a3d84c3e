import { describe, expect, it } from 'vitest';

import { createContext } from './context.js';
import { convertPorts } from './ports.js';

function convert(ports: unknown[]) {
  const ctx = createContext('s', {}, {});
  const result = convertPorts(ctx, 'services.a.ports', ports as never);
  return { result, issues: ctx.issues.items, warnings: ctx.warnings };
}

describe('convertPorts', () => {
  it('converts short syntax to ingress ports, sorted like docker', () => {
    expect(convert(['8080:80', '53:53/udp', 9000]).result).toEqual([
      { Protocol: 'tcp', TargetPort: 9000, PublishMode: 'ingress' },
      { Protocol: 'udp', TargetPort: 53, PublishedPort: 53, PublishMode: 'ingress' },
      { Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'ingress' },
    ]);
  });

  it('expands ranges like docker', () => {
    expect(convert(['8000-8001:80-81']).result).toEqual([
      { Protocol: 'tcp', TargetPort: 80, PublishedPort: 8000, PublishMode: 'ingress' },
      { Protocol: 'tcp', TargetPort: 81, PublishedPort: 8001, PublishMode: 'ingress' },
    ]);
    // One container port with a published range publishes the whole range.
    expect(convert(['9000-9001:80']).result).toEqual([
      { Protocol: 'tcp', TargetPort: 80, PublishedPort: 9000, PublishMode: 'ingress' },
      { Protocol: 'tcp', TargetPort: 80, PublishedPort: 9001, PublishMode: 'ingress' },
    ]);
    expect(convert(['3000-3001']).result).toEqual([
      { Protocol: 'tcp', TargetPort: 3000, PublishMode: 'ingress' },
      { Protocol: 'tcp', TargetPort: 3001, PublishMode: 'ingress' },
    ]);
  });

  it('ignores a host IP with a warning', () => {
    const { result, warnings } = convert(['127.0.0.1:8080:80']);
    expect(result).toEqual([
      { Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'ingress' },
    ]);
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'unsupported-key', path: 'services.a.ports[0]' }),
    ]);
  });

  it('refuses a host part that is not an IP address', () => {
    const { result, issues } = convert(['80:80:80:80']);
    expect(result).toEqual([]);
    expect(issues).toEqual([{ path: 'services.a.ports[0]', message: 'invalid IP address "80:80"' }]);
    expect(convert(['[::1]:8080:80']).issues).toEqual([]);
  });

  it('passes long syntax mode and protocol as written', () => {
    expect(
      convert([
        { target: 80, published: 8080, mode: 'host' },
        { target: 53, published: '5353', protocol: 'udp' },
        { target: 90 },
      ]).result,
    ).toEqual([
      { TargetPort: 90 },
      { Protocol: 'udp', TargetPort: 53, PublishedPort: 5353 },
      { TargetPort: 80, PublishedPort: 8080, PublishMode: 'host' },
    ]);
  });

  it('names the bad entry', () => {
    expect(
      convert(['80:80/foo', 'x:80', '80-81:90-95', { target: 70000 }, { target: 80, mode: 'sideways' }])
        .issues,
    ).toEqual([
      { path: 'services.a.ports[0]', message: 'invalid protocol "foo" (tcp, udp or sctp)' },
      { path: 'services.a.ports[1]', message: 'invalid published port "x"' },
      {
        path: 'services.a.ports[2]',
        message: 'invalid ranges for container and published ports: 90-95 and 80-81',
      },
      { path: 'services.a.ports[3].target', message: 'must be a port number (1-65535)' },
      { path: 'services.a.ports[4].mode', message: 'expected ingress or host' },
    ]);
  });
});
