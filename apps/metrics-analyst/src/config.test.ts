import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('metrics-analyst config', () => {
  it('defaults to port 7075, the local Prometheus, a 15 s cache and the query caps, without a database', () => {
    const config = loadConfig({});
    expect(config.HTTP_PORT).toBe(7075);
    expect(config.PROMETHEUS_URL).toBe('http://127.0.0.1:9090');
    expect(config.METRICS_DOCKER_HOSTS).toBeUndefined();
    expect(config.METRICS_CACHE_MS).toBe(15_000);
    expect(config.METRICS_STATS_CONCURRENCY).toBe(32);
    expect(config.METRICS_SCRAPE_WAIT_MS).toBe(5_000);
    expect(config.METRICS_DOCKER_TIMEOUT_MS).toBe(10_000);
    expect(config.METRICS_QUERY_TIMEOUT_MS).toBe(10_000);
    expect([config.METRICS_MAX_SERIES, config.METRICS_MAX_POINTS]).toEqual([200, 11_000]);
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('reads the extra engines as a comma-separated list of unix, tcp or http URLs', () => {
    const hosts = 'unix:///run/swlab/n2/docker.sock, tcp://worker-1:2376';
    expect(loadConfig({ METRICS_DOCKER_HOSTS: hosts }).METRICS_DOCKER_HOSTS).toBe(hosts);
    expect(() => loadConfig({ METRICS_DOCKER_HOSTS: 'worker-1:2376' })).toThrow(/METRICS_DOCKER_HOSTS/);
  });

  it('reads the cache as a duration and the caps as whole numbers', () => {
    const config = loadConfig({
      METRICS_CACHE_MS: '500',
      METRICS_MAX_SERIES: '10',
      METRICS_MAX_POINTS: '100',
    });
    expect([config.METRICS_CACHE_MS, config.METRICS_MAX_SERIES, config.METRICS_MAX_POINTS]).toEqual([
      500, 10, 100,
    ]);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PROMETHEUS_URL: 'ftp://prom:9090' })).toThrow(/PROMETHEUS_URL/);
    expect(() => loadConfig({ PROMETHEUS_URL: 'not a url' })).toThrow(/PROMETHEUS_URL/);
    expect(() => loadConfig({ METRICS_STATS_CONCURRENCY: '0' })).toThrow(/METRICS_STATS_CONCURRENCY/);
    expect(() => loadConfig({ METRICS_STATS_CONCURRENCY: 'many' })).toThrow(/METRICS_STATS_CONCURRENCY/);
    expect(() => loadConfig({ METRICS_QUERY_TIMEOUT_MS: '-5' })).toThrow(/METRICS_QUERY_TIMEOUT_MS/);
    expect(() => loadConfig({ METRICS_MAX_SERIES: '0' })).toThrow(/METRICS_MAX_SERIES/);
    expect(() => loadConfig({ HTTP_PORT: '70000' })).toThrow(/HTTP_PORT/);
  });
});
