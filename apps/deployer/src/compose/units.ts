// Go's duration and docker's size syntaxes, parsed the way docker's compose loader parses them.

const DURATION_UNITS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};
const DURATION_PART = /^(\d*)(?:\.(\d*))?([a-zµμ]+)/;

/** Parses a Go duration (`1m30s`, `500ms`, `1.5h`, `0`) into nanoseconds; undefined when invalid. */
export function parseDuration(text: string): number | undefined {
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return undefined;
  let total = 0;
  while (rest !== '') {
    const match = DURATION_PART.exec(rest);
    if (match === null) return undefined;
    const [whole, intPart = '', fracPart = '', unitName = ''] = match;
    const unit = DURATION_UNITS[unitName];
    if (unit === undefined || (intPart === '' && fracPart === '')) return undefined;
    total += Number(intPart || '0') * unit;
    if (fracPart !== '') total += Math.floor((Number(fracPart) * unit) / 10 ** fracPart.length);
    rest = rest.slice(whole.length);
  }
  return sign * total;
}

const BINARY_UNITS: Record<string, number> = {
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
  p: 1024 ** 5,
};

/** Parses a size with binary units as docker's RAMInBytes does (`512M`, `1gb`, `2KiB`, `100`); undefined when invalid. */
export function parseByteSize(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  const sep = Math.max(
    ...['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '.', ' '].map((c) => value.lastIndexOf(c)),
  );
  if (sep === -1) return undefined;
  const num = value[sep] === ' ' ? value.slice(0, sep) : value.slice(0, sep + 1);
  const suffix = value.slice(sep + 1).toLowerCase();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(num)) return undefined;
  const size = Number(num);
  if (size < 0) return undefined;
  if (suffix === '' || suffix === 'b') return Math.trunc(size);
  if (suffix.length > 3) return undefined;
  const multiplier = BINARY_UNITS[suffix[0] ?? ''];
  if (multiplier === undefined) return undefined;
  if (suffix.length === 2 && suffix[1] !== 'b') return undefined;
  if (suffix.length === 3 && suffix.slice(1) !== 'ib') return undefined;
  return Math.trunc(size * multiplier);
}

/** Parses CPUs (`0.5`, `2`) into nano-CPUs as docker's ParseCPUs does; undefined when invalid or too precise. */
export function parseNanoCpus(value: string | number): number | undefined {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const match = /^(\d*)(?:\.(\d*))?$/.exec(text);
  if (match === null || text === '' || text === '.') return undefined;
  const [, intPart = '', fracPart = ''] = match;
  if (fracPart.length > 9 && !/^0*$/.test(fracPart.slice(9))) return undefined;
  const nanos = Number(intPart || '0') * 1e9 + Number((fracPart.slice(0, 9) || '0').padEnd(9, '0'));
  return Number.isSafeInteger(nanos) ? nanos : undefined;
}
