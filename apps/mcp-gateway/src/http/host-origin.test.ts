import { describe, expect, it } from 'vitest';
import { defaultHostRules, hostAllowed, originAllowed, parseHostRule } from './host-origin.js';

describe('host and origin allow-lists', () => {
  const rules = defaultHostRules(7070);

  it('accepts loopback names at the listener port only', () => {
    expect(hostAllowed('127.0.0.1:7070', rules)).toBe(true);
    expect(hostAllowed('localhost:7070', rules)).toBe(true);
    expect(hostAllowed('[::1]:7070', rules)).toBe(true);
    expect(hostAllowed('127.0.0.1:8080', rules)).toBe(false);
    expect(hostAllowed('evil.example.com', rules)).toBe(false);
    expect(hostAllowed('evil.example.com:7070', rules)).toBe(false);
    expect(hostAllowed(undefined, rules)).toBe(false);
  });

  it('parses configured rules with and without a port', () => {
    expect(parseHostRule('gw.example.com')).toEqual({ hostname: 'gw.example.com' });
    expect(parseHostRule('gw.example.com:443')).toEqual({ hostname: 'gw.example.com', port: '443' });
    expect(hostAllowed('gw.example.com', [parseHostRule('gw.example.com:443')], '443')).toBe(true);
    expect(hostAllowed('GW.example.com:9', [parseHostRule('gw.example.com')])).toBe(true);
  });

  it('lets requests without an Origin through and checks present ones', () => {
    const names = ['localhost', '127.0.0.1'];
    expect(originAllowed(undefined, names)).toBe(true);
    expect(originAllowed('http://localhost:3000', names)).toBe(true);
    expect(originAllowed('http://evil.example.com', names)).toBe(false);
    expect(originAllowed('null', names)).toBe(false);
  });
});
