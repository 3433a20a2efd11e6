import { COMM_ERROR_CODES, SYMPTOMS } from '@cooperbench-repro/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cohereSchemaViolations } from './cohere-schema.js';
import { COMM_ERRORS_JSON_SCHEMA, commErrorsRubric } from './comm-errors.js';
import { SYMPTOMS_JSON_SCHEMA, symptomsRubric } from './symptoms.js';

describe('rubric JSON schemas within Cohere structured-output restrictions', () => {
  it.each([commErrorsRubric, symptomsRubric])('$id: no forbidden keyword, every object has a required field', (rubric) => {
    expect(cohereSchemaViolations(rubric.jsonSchema)).toEqual([]);
  });

  it('the walker catches what Cohere refuses (so the check above can fail)', () => {
    const generated = z.toJSONSchema(z.object({ a: z.array(z.string()).min(2), b: z.object({ c: z.string().optional() }) })) as Record<string, unknown>;
    const problems = cohereSchemaViolations(generated);
    expect(problems).toContain('$: keyword additionalProperties is not supported');
    expect(problems).toContain('$.properties.a: keyword minItems is not supported');
    expect(problems).toContain('$.properties.b: object without a required field');
    expect(cohereSchemaViolations({ type: 'array', items: { type: 'string' } })).toContain('$: top-level type must be "object"');
    expect(cohereSchemaViolations({ type: 'object', properties: { x: { anyOf: [{ type: 'string' }] } }, required: ['x'] })).toEqual(['$.properties.x: keyword anyOf is not supported']);
  });

  it('labels are enums equal to the contracts lists', () => {
    const issue = (COMM_ERRORS_JSON_SCHEMA.properties as Record<string, { properties: Record<string, { enum: string[] }> }>).issue!;
    expect(issue.properties.category!.enum).toEqual([...COMM_ERROR_CODES]);
    const labels = (SYMPTOMS_JSON_SCHEMA.properties as Record<string, { items: { properties: Record<string, { enum?: string[] }> } }>).labels!;
    expect(labels.items.properties.symptom!.enum).toEqual([...SYMPTOMS]);
    expect(labels.items.properties.artifact!.enum).toEqual(['conversation', 'patch', 'outcome']);
  });

  it('zod answers accept what the JSON schemas describe and refuse labels outside the enums', () => {
    expect(commErrorsRubric.answer.safeParse({ evidence: ['a', 'b'], issue: { category: 'C4a', description: 'd' } }).success).toBe(true);
    expect(commErrorsRubric.answer.safeParse({ evidence: [] }).success).toBe(true);
    expect(commErrorsRubric.answer.safeParse({ evidence: ['a'], issue: { category: 'C5', description: 'd' } }).success).toBe(false);
    expect(commErrorsRubric.answer.safeParse({ issue: { category: 'C2', description: 'd' } }).success).toBe(false);
    expect(symptomsRubric.answer.safeParse({ labels: [], implementation_failure_only: true }).success).toBe(true);
    expect(symptomsRubric.answer.safeParse({ labels: [{ symptom: 'work_overlap', is_primary: true, quotes: [], artifact: 'diff' }], implementation_failure_only: false }).success).toBe(false);
  });
});
