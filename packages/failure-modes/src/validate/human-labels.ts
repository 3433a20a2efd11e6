import { COMM_ERROR_CODES, SYMPTOMS, readJsonFileSync } from '@cooperbench-repro/contracts';
import { z } from 'zod';

/** Human-labelled file (docs/validation.md): one label per run, 'none' for no issue / implementation failure only. */

export const RUBRIC_IDS = ['comm-errors', 'symptoms'] as const;
export type RubricId = (typeof RUBRIC_IDS)[number];

/** The label scale of each rubric: comm-errors code or symptom (the primary), plus 'none'. */
export const LABEL_SCALES: Readonly<Record<RubricId, readonly string[]>> = {
  'comm-errors': ['none', ...COMM_ERROR_CODES],
  symptoms: ['none', ...SYMPTOMS],
};

export const HumanLabelsSchema = z
  .object({
    schema: z.literal('cooperbench-repro/human-labels@1'),
    rubric: z.enum(RUBRIC_IDS),
    annotator: z.string().min(1),
    items: z.array(z.object({ record_id: z.string().min(1), label: z.string(), notes: z.string().optional() })).min(1),
  })
  .superRefine((file, ctx) => {
    const scale = LABEL_SCALES[file.rubric];
    const seen = new Set<string>();
    file.items.forEach((item, i) => {
      if (!scale.includes(item.label))
        ctx.addIssue({ code: 'invalid_value', values: [...scale], input: item.label, path: ['items', i, 'label'], message: `not a ${file.rubric} label` });
      if (seen.has(item.record_id)) ctx.addIssue({ code: 'custom', path: ['items', i, 'record_id'], message: `a record_id labelled once (${item.record_id} is repeated)` });
      seen.add(item.record_id);
    });
  });
export type HumanLabels = z.infer<typeof HumanLabelsSchema>;

/** Reads and validates; a bad file throws DataFileError naming file, field and what was expected. */
export function readHumanLabels(file: string): HumanLabels {
  return readJsonFileSync(file, HumanLabelsSchema);
}
