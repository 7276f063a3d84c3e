import type { AnalyzeData, Insight, QueryData, ServiceUsage } from '@swarmops/contracts';
import { MAX_TEXT_LINES, bound } from './render.js';

/** Insights shown in full (numbers, recommendation, PromQL); the rest get one line each. */
export const DETAILED_INSIGHTS = 6;
/** Evidence values shown per insight. */
const VALUES_SHOWN = 6;

/** A number with at most 3 decimals and no trailing zeros: `0.25`, `1200`, `3.142`. */
export function num(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return String(Number(n.toFixed(Math.abs(n) >= 100 ? 1 : 3)));
}

/** Bytes in the largest binary unit under 1024: `512 B`, `200 MiB`, `1.5 GiB`. */
export function bytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = n;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number(value.toFixed(unit === 0 ? 0 : 1))} ${units[unit]}`;
}

function valueText(v: number | string | null): string {
  if (v === null) return 'unknown';
  return typeof v === 'number' ? num(v) : v;
}

/** `cpuCores=1.02, p95Bytes=2.1e8, ...`: the first few evidence values. */
export function renderValues(values: Insight['evidence']['values']): string {
  const entries = Object.entries(values);
  const shown = entries.slice(0, VALUES_SHOWN).map(([k, v]) => `${k}=${valueText(v)}`);
  return `${shown.join(', ')}${entries.length > VALUES_SHOWN ? `, +${entries.length - VALUES_SHOWN} more` : ''}`;
}

/** `HIGH top-consumer service shop_api: <summary>`. */
export function insightHeadline(i: Insight): string {
  return `${i.severity.toUpperCase()} ${i.kind} ${i.subject}: ${i.summary}`;
}

/** One insight in full: headline, numbers, deployment, recommendation and the PromQL behind it. */
export function renderInsight(i: Insight, rank: number): string[] {
  const [first, ...more] = i.evidence.promql;
  const lines = [`${rank}. ${insightHeadline(i)}`];
  if (Object.keys(i.evidence.values).length > 0) lines.push(`   numbers: ${renderValues(i.evidence.values)}`);
  if (i.evidence.deploymentId !== undefined) lines.push(`   deployment: ${i.evidence.deploymentId}`);
  lines.push(`   recommendation: ${i.recommendation}`);
  lines.push(`   promql: ${first ?? ''}${more.length > 0 ? ` (+${more.length} more)` : ''}`);
  return lines;
}

/** The insights most severe first (as the analyst ranks them), the first few in full. */
export function renderInsights(data: AnalyzeData): string {
  const { insights, window } = data;
  if (insights.length === 0) {
    return `No insights over the last ${window}: no service or node stands out in CPU, memory, errors or capacity.`;
  }
  const lines = [`${insights.length} insights over the last ${window}, most severe first:`];
  insights.slice(0, DETAILED_INSIGHTS).forEach((i, n) => lines.push(...renderInsight(i, n + 1)));
  const rest = insights.slice(DETAILED_INSIGHTS, MAX_TEXT_LINES);
  rest.forEach((i, n) => lines.push(`${DETAILED_INSIGHTS + n + 1}. ${insightHeadline(i)}`));
  const hidden = insights.length - DETAILED_INSIGHTS - rest.length;
  if (hidden > 0) lines.push(`… ${hidden} more in structuredContent.insights`);
  lines.push(
    'Every PromQL query and value is in structuredContent.insights[].evidence; rerun one with query_metrics.',
  );
  return bound(lines.join('\n'));
}

function labelText(labels: Record<string, string>): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '{}';
  const shown = entries.slice(0, 6).map(([k, v]) => `${k}="${v}"`);
  return `{${shown.join(', ')}${entries.length > 6 ? ', …' : ''}}`;
}

function pointValue(v: number | string): string {
  return typeof v === 'number' ? num(v) : v;
}

/** One series: its labels, the last value, and for a range its point count and min..max. */
function seriesLine(s: QueryData['series'][number]): string {
  const last = s.points.at(-1);
  const head = `${labelText(s.labels)} ${last === undefined ? 'no points' : pointValue(last[1])}`;
  if (s.points.length <= 1) return head;
  const finite = s.points.map((p) => p[1]).filter((v): v is number => typeof v === 'number');
  const range =
    finite.length === 0 ? '' : `, min ${num(Math.min(...finite))} max ${num(Math.max(...finite))}`;
  return `${head} (last of ${s.points.length} points${range})`;
}

function isoOf(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

/** A query result: what ran, how much came back (and whether it was cut), one line per series. */
export function renderQuery(d: QueryData): string {
  const q = d.query;
  const when =
    q.start === null
      ? `instant at ${isoOf(q.end)}`
      : `range ${isoOf(q.start)} .. ${isoOf(q.end)} step ${num(q.step ?? 0)}s`;
  const lines = [`${q.promql}`, `${d.resultType}, ${d.series.length} series, ${d.points} points, ${when}`];
  if (d.truncated)
    lines.push('Truncated: series or points were cut at the caps; narrow the query or the range.');
  const shown = d.series.slice(0, MAX_TEXT_LINES - 4);
  lines.push(...shown.map((s) => `- ${seriesLine(s)}`));
  if (d.series.length > shown.length) {
    lines.push(`… ${d.series.length - shown.length} more series in structuredContent.series`);
  }
  if (d.series.length === 0) lines.push('No series match.');
  lines.push(...d.warnings.map((w) => `warning: ${w}`));
  return bound(lines.join('\n'));
}

const cores = (n: number | null) => (n === null ? 'unknown' : `${num(n)} cores`);
const mem = (n: number | null) => (n === null ? 'unknown' : bytes(n));
const opt = (what: string, text: string, n: number | null) => (n === null ? '' : `, ${what} ${text}`);

/** A service's usage: replicas, CPU and memory against limits, network, restarts, sizing, insights. */
export function renderServiceUsage(u: ServiceUsage): string {
  const { cpu, memory, network } = u;
  const rate = (n: number | null) => (n === null ? 'unknown' : `${bytes(n)}/s`);
  const lines = [
    `${u.service}${u.stack === null ? '' : ` (stack ${u.stack})`} over the last ${u.window}: ` +
      `${u.replicas.running ?? '?'}/${u.replicas.desired ?? '?'} replicas running`,
    `cpu (all tasks): now ${cores(cpu.current)}, p50 ${cores(cpu.p50)}, p95 ${cores(cpu.p95)}, max ` +
      `${cores(cpu.max)}${opt('limit per task', cores(cpu.limitCores), cpu.limitCores)}` +
      `${opt('reservation per task', cores(cpu.reservationCores), cpu.reservationCores)}`,
    `memory (all tasks): now ${mem(memory.current)}, p50 ${mem(memory.p50)}, p95 ${mem(memory.p95)}, max ` +
      `${mem(memory.max)}${opt('limit per task', mem(memory.limitBytes), memory.limitBytes)}` +
      `${opt('reservation per task', mem(memory.reservationBytes), memory.reservationBytes)}`,
    `network: receive ${rate(network.receiveBytesPerSecond)}, transmit ${rate(network.transmitBytesPerSecond)}; ` +
      `restarts in the window: ${u.restarts ?? 'unknown'}`,
  ];
  const r = u.recommended;
  lines.push(
    r === null
      ? 'recommended per task: not enough data yet'
      : `recommended per task: cpu reservation ${num(r.cpuReservationCores)}, limit ${num(r.cpuLimitCores)} ` +
          `cores; memory reservation ${bytes(r.memoryReservationBytes)}, limit ${bytes(r.memoryLimitBytes)}`,
  );
  const shown = u.insights.slice(0, 5);
  lines.push(...shown.map((i) => `- ${insightHeadline(i)} (${i.recommendation})`));
  if (u.insights.length > shown.length) {
    lines.push(`… ${u.insights.length - shown.length} more insights in structuredContent.insights`);
  }
  lines.push(`${u.promql.length} PromQL queries behind these numbers in structuredContent.promql.`);
  return bound(lines.join('\n'));
}
