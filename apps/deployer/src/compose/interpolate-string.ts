/** Looks up a variable; `undefined` means unset (an empty string is set). */
export type LookupVariable = (name: string) => string | undefined;

/** A failed interpolation: the compose-spec's required-variable error or a malformed expression. */
export class InterpolationError extends Error {
  override readonly name = 'InterpolationError';
  constructor(
    message: string,
    readonly variable?: string,
  ) {
    super(message);
  }
}

const NAME_START = /[_a-zA-Z]/;
const NAME_CHAR = /[_a-zA-Z0-9]/;
const OPERATORS = [':-', ':?', ':+', '-', '?', '+'] as const;
type Operator = (typeof OPERATORS)[number];

/**
 * Interpolates one string as the compose spec defines: `$$` is a literal `$`; `$VAR` and `${VAR}`;
 * `${VAR:-d}` / `${VAR-d}` (default when unset-or-empty / unset); `${VAR:?e}` / `${VAR?e}` (error when
 * unset-or-empty / unset); `${VAR:+r}` / `${VAR+r}` (replacement when set-and-non-empty / set).
 * Defaults and replacements may themselves contain interpolations.
 */
export function interpolateString(text: string, lookup: LookupVariable): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch !== '$') {
      out += ch;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '{') {
      const end = matchingBrace(text, i + 2);
      out += expandBraced(text.slice(i + 2, end), lookup);
      i = end + 1;
    } else if (next !== undefined && NAME_START.test(next)) {
      let j = i + 1;
      while (j < text.length && NAME_CHAR.test(text[j] ?? '')) j++;
      out += lookup(text.slice(i + 1, j)) ?? '';
      i = j;
    } else {
      throw new InterpolationError(
        `invalid interpolation: a lone "$" at offset ${i} (write "$$" for a literal $)`,
      );
    }
  }
  return out;
}

function matchingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch === '$' && text[i + 1] === '$') {
      i++;
    } else if (ch === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (ch === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  throw new InterpolationError('invalid interpolation: "${" without a closing "}"');
}

function expandBraced(body: string, lookup: LookupVariable): string {
  let j = 0;
  if (!NAME_START.test(body[0] ?? '')) throw new InterpolationError(`invalid interpolation: "\${${body}}"`);
  while (j < body.length && NAME_CHAR.test(body[j] ?? '')) j++;
  const name = body.slice(0, j);
  const rest = body.slice(j);
  if (rest === '') return lookup(name) ?? '';
  const operator = OPERATORS.find((op) => rest.startsWith(op));
  if (operator === undefined) throw new InterpolationError(`invalid interpolation: "\${${body}}"`);
  return applyOperator(name, operator, rest.slice(operator.length), lookup);
}

function applyOperator(name: string, operator: Operator, argument: string, lookup: LookupVariable): string {
  const value = lookup(name);
  const setNonEmpty = value !== undefined && value !== '';
  switch (operator) {
    case ':-':
      return setNonEmpty ? value : interpolateString(argument, lookup);
    case '-':
      return value ?? interpolateString(argument, lookup);
    case ':+':
      return setNonEmpty ? interpolateString(argument, lookup) : '';
    case '+':
      return value !== undefined ? interpolateString(argument, lookup) : '';
    case ':?':
    case '?':
      if (operator === ':?' ? setNonEmpty : value !== undefined) return value ?? '';
      throw new InterpolationError(
        `required variable ${name} is missing a value${argument === '' ? '' : `: ${argument}`}`,
        name,
      );
  }
}
