import { describe, expect, it } from 'vitest';
import { renderPrometheusConfig, serviceScrapeTargets } from './prometheus-config.js';

describe('renderPrometheusConfig', () => {
  it('renders one job per target with the interval, timeout and rule files', () => {
    const text = renderPrometheusConfig({
      scrapeIntervalSeconds: 15,
      targets: [
        { job: 'inventory', address: '127.0.0.1:7071' },
        { job: 'metrics-analyst', address: '127.0.0.1:7075', path: '/metrics' },
      ],
      ruleFiles: ['/repo/infra/prometheus/rules/swarmops.rules.yml'],
    });
    expect(text).toBe(
      [
        '# Written by ./swarmops up from the declared services; edits are overwritten.',
        'global:',
        '  scrape_interval: 15s',
        '  scrape_timeout: 14s',
        '  evaluation_interval: 15s',
        'rule_files:',
        '  - "/repo/infra/prometheus/rules/swarmops.rules.yml"',
        'scrape_configs:',
        '  - job_name: "inventory"',
        '    metrics_path: "/metrics"',
        '    static_configs:',
        '      - targets: ["127.0.0.1:7071"]',
        '  - job_name: "metrics-analyst"',
        '    metrics_path: "/metrics"',
        '    static_configs:',
        '      - targets: ["127.0.0.1:7075"]',
        '',
      ].join('\n'),
    );
  });

  it('keeps the scrape timeout within a short interval and renders empty lists', () => {
    const text = renderPrometheusConfig({ scrapeIntervalSeconds: 2, targets: [], ruleFiles: [] });
    expect(text).toContain('  scrape_interval: 2s\n  scrape_timeout: 2s\n  evaluation_interval: 2s\n');
    expect(text).toContain('\nrule_files: []\nscrape_configs: []\n');
  });

  it('quotes paths so YAML never reads them as something else', () => {
    const text = renderPrometheusConfig({
      scrapeIntervalSeconds: 15,
      targets: [{ job: 'odd', address: 'localhost:9', path: '/a: b #"c"' }],
      ruleFiles: ['/tmp/yes: no.yml'],
    });
    expect(text).toContain('  - "/tmp/yes: no.yml"\n');
    expect(text).toContain('    metrics_path: "/a: b #\\"c\\""\n');
  });

  it('refuses duplicate job names, bad addresses and a bad interval', () => {
    const target = { job: 'a', address: '127.0.0.1:1' };
    expect(() =>
      renderPrometheusConfig({ scrapeIntervalSeconds: 15, targets: [target, target], ruleFiles: [] }),
    ).toThrow(/two scrape targets use the job name a/);
    expect(() =>
      renderPrometheusConfig({
        scrapeIntervalSeconds: 15,
        targets: [{ job: 'a', address: 'http://x:1' }],
        ruleFiles: [],
      }),
    ).toThrow(/host:port/);
    expect(() => renderPrometheusConfig({ scrapeIntervalSeconds: 0.5, targets: [], ruleFiles: [] })).toThrow(
      /scrapeIntervalSeconds/,
    );
  });
});

describe('serviceScrapeTargets', () => {
  it('scrapes every service on its HTTP port and Prometheus itself', () => {
    expect(
      serviceScrapeTargets(
        [
          { name: 'metrics-analyst', dir: 'metrics-analyst', httpPort: 7075 },
          { name: 'mcp-gateway', dir: 'mcp-gateway', httpPort: 7070 },
        ],
        9090,
      ),
    ).toEqual([
      { job: 'metrics-analyst', address: '127.0.0.1:7075' },
      { job: 'mcp-gateway', address: '127.0.0.1:7070' },
      { job: 'prometheus', address: '127.0.0.1:9090' },
    ]);
  });
});
