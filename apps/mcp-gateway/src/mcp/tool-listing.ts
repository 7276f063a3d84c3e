import { z } from 'zod';
import type { ToolDefinition } from '../tools/tool.js';

/** A tool as `tools/list` publishes it: JSON Schemas (2020-12) generated from the zod schemas. */
export interface ListedTool {
  name: string;
  title: string;
  description: string;
  inputSchema: { type: 'object'; [key: string]: unknown };
  outputSchema: { type: 'object'; [key: string]: unknown };
  annotations: ToolDefinition['annotations'] & { title: string };
  _meta: Record<string, unknown>;
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): { type: 'object'; [key: string]: unknown } {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return { ...rest, type: 'object' };
}

/** Converts every tool once; the listing is the same for every request. */
export function listTools(tools: readonly ToolDefinition[]): ListedTool[] {
  return tools.map((tool) => ({
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: jsonSchema(tool.input, 'input'),
    outputSchema: jsonSchema(tool.output, 'output'),
    annotations: { title: tool.title, ...tool.annotations },
    _meta: { 'swarmops/requiredRole': tool.requiredRole, 'swarmops/subjects': [...tool.calls] },
  }));
}
