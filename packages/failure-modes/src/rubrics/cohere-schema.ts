/**
 * Cohere's structured-output subset (failure-modes-and-llm-judging.md section 8.2): top-level object,
 * every object with at least one `required` field, and none of the keywords below. Used by tests and
 * usable by the judge as a guard before paying for a call.
 */
export const COHERE_FORBIDDEN_KEYWORDS = [
  'anyOf',
  'allOf',
  'oneOf',
  'not',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'pattern',
  'uniqueItems',
  'additionalProperties',
] as const;

/** Every violation, as `path: problem`; empty when Cohere accepts the schema. */
export function cohereSchemaViolations(schema: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (schema.type !== 'object') problems.push('$: top-level type must be "object"');
  const walk = (node: unknown, path: string) => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${path}[${i}]`));
    const obj = node as Record<string, unknown>;
    for (const k of COHERE_FORBIDDEN_KEYWORDS) if (k in obj) problems.push(`${path}: keyword ${k} is not supported`);
    if ('format' in obj && !['date-time', 'uuid', 'date', 'time'].includes(String(obj.format))) problems.push(`${path}: format ${String(obj.format)} is not supported`);
    if (obj.type === 'object') {
      const required = obj.required;
      const properties = (obj.properties ?? {}) as Record<string, unknown>;
      if (!Array.isArray(required) || required.length === 0) problems.push(`${path}: object without a required field`);
      else for (const r of required) if (!(String(r) in properties)) problems.push(`${path}: required ${String(r)} is not a property`);
      for (const [name, sub] of Object.entries(properties)) walk(sub, `${path}.properties.${name}`);
    }
    if (obj.type === 'array') walk(obj.items, `${path}.items`);
  };
  walk(schema, '$');
  return problems;
}
