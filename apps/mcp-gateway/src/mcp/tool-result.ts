import type { AppError } from '@swarmops/contracts';

/** A `tools/call` result as the gateway produces it. */
export interface ToolResult {
  [key: string]: unknown;
  content: { type: 'text'; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/** Most characters of an error text; a model needs the code and the gist, not a dump. */
const MAX_ERROR_CHARS = 2_000;

/** A successful result: the structured output plus its short text rendering. */
export function successResult(output: unknown, text: string): ToolResult {
  return { content: [{ type: 'text', text }], structuredContent: output as Record<string, unknown> };
}

/**
 * A failed call as a tool result (never a protocol error), text starting with the code so the
 * model can correct itself: `NOT_FOUND: service x not found`. An `INTERNAL` error's message never carries its cause.
 */
export function errorResult(error: AppError): ToolResult {
  const text = `${error.code}: ${error.message}`.slice(0, MAX_ERROR_CHARS);
  // No structuredContent: clients validate it against the tool's outputSchema.
  return { content: [{ type: 'text', text }], isError: true };
}
