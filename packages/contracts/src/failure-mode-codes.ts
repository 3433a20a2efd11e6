import { z } from 'zod';
import { CommErrorCodeSchema, SymptomSchema } from './failure-modes.js';

/**
 * Human-coded failure modes (packages/failure-modes/gold/<source>.<coder>.json): per real conversation,
 * the App. F communication-error code, plan drift and, for failed coop runs, the Table 1 symptoms, each
 * with evidence as locators + offsets + a text hash (no message text is stored). The coding guide is
 * packages/failure-modes/gold/CODING-GUIDE.md.
 */
export const FAILURE_MODE_CODES_SCHEMA = 'cooperbench-repro/failure-mode-codes@1';

const Hash16 = z.string().regex(/^[0-9a-f]{16}$/, 'the first 16 hex digits of a sha256');

/** A verbatim quote: a span of a message (by index in the conversation) or of a patch file (by local path). */
export const QuoteSchema = z.union([
  z.object({ message_index: z.number().int().nonnegative(), start: z.number().int().nonnegative(), end: z.number().int().positive(), quote_sha256: Hash16 }).strict(),
  z.object({ file: z.string().min(1), start: z.number().int().nonnegative(), end: z.number().int().positive(), quote_sha256: Hash16 }).strict(),
]);
export type Quote = z.infer<typeof QuoteSchema>;

/** Command A: the results.json array index; claude_code: the conversation.json itself. */
export const ConversationLocatorSchema = z.object({ file: z.string().min(1), record_index: z.number().int().nonnegative().optional() }).strict();
export type ConversationLocator = z.infer<typeof ConversationLocatorSchema>;

/** App. F codes only: plan drift is coded separately. */
const PaperCommErrorSchema = CommErrorCodeSchema.exclude(['plan_drift']);

export const CodedConversationSchema = z
  .object({
    conversation: ConversationLocatorSchema,
    messages: z.number().int().nonnegative(),
    outcome: z.enum(['pass', 'fail', 'unknown']),
    comm_error: z
      .object({ code: PaperCommErrorSchema, also: z.array(PaperCommErrorSchema), evidence: z.array(QuoteSchema).min(2), reason: z.string().min(1) })
      .strict()
      .nullable(),
    plan_drift: z.object({ evidence: z.array(QuoteSchema).min(1), reason: z.string().min(1) }).strict().nullable(),
    symptoms: z
      .object({
        primary: SymptomSchema.nullable(),
        secondary: z.array(SymptomSchema),
        implementation_failure: z.boolean(),
        evidence: z.array(QuoteSchema),
        reason: z.string().min(1),
      })
      .strict()
      .nullable(),
    notes: z.string().optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.symptoms && c.outcome !== 'fail') ctx.addIssue({ code: 'custom', path: ['symptoms'], message: 'symptoms only for failed runs (null otherwise)' });
    if (c.symptoms && (c.symptoms.primary === null) !== c.symptoms.implementation_failure) {
      ctx.addIssue({ code: 'custom', path: ['symptoms', 'implementation_failure'], message: 'true exactly when primary is null' });
    }
  });
export type CodedConversation = z.infer<typeof CodedConversationSchema>;

export const FailureModeCodesFileSchema = z
  .object({
    schema: z.literal(FAILURE_MODE_CODES_SCHEMA),
    source: z.enum(['command-a', 'claude-code']),
    coder: z.string().min(1),
    coded_on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    guide: z.string().min(1),
    conversations: z.array(CodedConversationSchema).min(1),
  })
  .strict();
export type FailureModeCodesFile = z.infer<typeof FailureModeCodesFileSchema>;

/** The three judgements compared between coders and settled by adjudication. */
export const CodedJudgementSchema = z
  .object({
    comm_error: z.union([PaperCommErrorSchema, z.literal('none')]),
    plan_drift: z.boolean(),
    /** Failed runs: the primary symptom or `implementation_failure`; null when the run did not fail. */
    primary: z.union([SymptomSchema, z.literal('implementation_failure')]).nullable(),
  })
  .strict();
export type CodedJudgementValue = z.infer<typeof CodedJudgementSchema>;

/** packages/failure-modes/gold/adjudication.json: the double-coded conversations, settled with reasons. */
export const FailureModeAdjudicationSchema = z
  .object({
    schema: z.literal('cooperbench-repro/failure-mode-adjudication@1'),
    adjudicated_on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    items: z.array(
      z
        .object({
          source: z.enum(['command-a', 'claude-code']),
          conversation: ConversationLocatorSchema,
          a: CodedJudgementSchema,
          b: CodedJudgementSchema,
          gold: CodedJudgementSchema.extend({ evidence: z.array(QuoteSchema).optional() }),
          resolved: z.enum(['agreed', 'A', 'B', 'neither']),
          reason: z.string(),
        })
        .strict(),
    ),
  })
  .strict();
export type FailureModeAdjudication = z.infer<typeof FailureModeAdjudicationSchema>;
