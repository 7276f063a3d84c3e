// Numbers as people read them in summaries, and as evidence values (finite, rounded, or a string).

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

export function formatCores(cores: number): string {
  return `${cores.toFixed(cores < 0.1 ? 3 : 2)} cores`;
}

export function formatBytes(bytes: number): string {
  if (Math.abs(bytes) >= GiB) return `${(bytes / GiB).toFixed(2)} GiB`;
  return `${(bytes / MiB).toFixed(1)} MiB`;
}

export function formatPercent(ratio: number): string {
  return `${(ratio * 100).toFixed(0)} %`;
}

export function formatHours(seconds: number): string {
  const hours = seconds / 3600;
  if (hours < 1) return `${Math.max(1, Math.round(seconds / 60))} min`;
  if (hours < 48) return `${hours.toFixed(1)} h`;
  return `${(hours / 24).toFixed(1)} days`;
}

/** An evidence value: whole numbers from 10^6 up, else 6 significant digits; ±Infinity as a string; NaN/undefined as null. */
export function evidenceValue(value: number | null | undefined): number | string | null {
  if (value === null || value === undefined || Number.isNaN(value)) return null;
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  // Byte counts stay exact; fractions (cores, ratios, z-scores) keep 6 significant digits.
  if (Number.isInteger(value) || Math.abs(value) >= 1e6) return Math.round(value);
  return Number(value.toPrecision(6));
}

/** `service shop_api`, `node worker-1`, `stack shop`. */
export function serviceSubject(service: string): string {
  return `service ${service}`;
}

export function nodeSubject(node: string): string {
  return `node ${node}`;
}

/** Compose `deploy.resources` memory: whole MiB with Docker's `M` suffix. */
export function composeMemory(bytes: number): string {
  return `${Math.round(bytes / MiB)}M`;
}

export function composeCpus(cores: number): string {
  return `'${cores.toFixed(2)}'`;
}
