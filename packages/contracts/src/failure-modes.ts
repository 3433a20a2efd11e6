import { z } from 'zod';
import { countFields } from './count-fields.js';
import { IntervalSchema } from './difficulty.js';

/**
 * data/failure-modes.json: Figure 6 (communication errors), Table 1 (coordination-failure symptoms)
 * and Table 2 (causes), from always-on heuristics and an optional, cached LLM judge.
 */

/** App. F communication-error codes (paper §6, Figure 6), plus the eighth category the figure shows. */
export const COMM_ERROR_CODES = ['C1a', 'C1b', 'C2', 'C3a', 'C3b', 'C4a', 'C4b', 'plan_drift'] as const;
export const CommErrorCodeSchema = z.enum(COMM_ERROR_CODES);
export type CommErrorCode = z.infer<typeof CommErrorCodeSchema>;

/** Figure 6 panels: Unresponsiveness = C1a+C1b+C2, Hallucination = C3a+C3b+plan drift, Repetition = C4a+C4b. */
export const COMM_ERROR_GROUPS = ['repetition', 'unresponsiveness', 'hallucination'] as const;
export const CommErrorGroupSchema = z.enum(COMM_ERROR_GROUPS);
export type CommErrorGroup = z.infer<typeof CommErrorGroupSchema>;

/** Table 1 symptoms (paper order). */
export const SYMPTOMS = [
  'work_overlap',
  'divergent_architecture',
  'repetition',
  'unresponsiveness',
  'unverifiable_claims',
  'broken_commitment',
  'dependency_access',
  'placeholder_misuse',
  'parameter_flow',
  'timing_dependency',
] as const;
export const SymptomSchema = z.enum(SYMPTOMS);
export type Symptom = z.infer<typeof SymptomSchema>;

/** Table 2 causes. */
export const CAUSES = ['expectation', 'commitment', 'communication'] as const;
export const CauseSchema = z.enum(CAUSES);
export type Cause = z.infer<typeof CauseSchema>;

/** Where a label came from. `none`: nothing judged it (judge not run, or the transcript was skipped). */
export const LabelSourceSchema = z.enum(['judge', 'heuristic', 'none']);

/** One heuristic detector's result on one run. */
export const HeuristicResultSchema = z.object({
  detected: z.boolean(),
  /** The detector's own measure (e.g. highest trigram similarity, unanswered questions). */
  score: z.number().nullable(),
  /** Short locators of what fired ("messages 3 and 5", "src/a.py lines 10-20"), never whole transcripts. */
  evidence: z.array(z.string()),
  /** Why it could not run on this record (no messages, no patches...), else null. */
  skipped: z.string().nullable(),
});
export type HeuristicResult = z.infer<typeof HeuristicResultSchema>;

/** A judge call's fate for one transcript and rubric. */
export const JudgeOutcomeSchema = z.object({
  status: z.enum(['labelled', 'no-issue', 'rejected', 'not-judged', 'failed']),
  /** rejected: why (quote not in transcript, fewer than two quotes, schema violation...). failed/not-judged: why. */
  reason: z.string().nullable(),
  /** Cache key (sha256) of the call: the entry under the judge cache holds prompt, response and usage. */
  cache_key: z.string().nullable(),
  /** The transcript was cut to fit; the rule is in parameters.truncation. */
  truncated: z.boolean(),
});
export type JudgeOutcome = z.infer<typeof JudgeOutcomeSchema>;

export const RunFailureModesSchema = z.object({
  record_id: z.string(),
  model: z.string(),
  arm: z.string(),
  outcome: z.enum(['pass', 'fail', 'unknown']),
  naive_conflict: z.boolean().nullable(),
  turns: z.number().int(),
  heuristics: z.record(z.string(), HeuristicResultSchema),
  comm_error: z.object({
    judge: JudgeOutcomeSchema,
    code: CommErrorCodeSchema.nullable(),
    description: z.string().nullable(),
    evidence: z.array(z.string()),
  }),
  symptoms: z.object({
    judge: JudgeOutcomeSchema,
    /** Judge labels (the primary first); empty when none or not judged. */
    labels: z.array(z.object({ symptom: SymptomSchema, primary: z.boolean(), artifact: z.enum(['conversation', 'patch', 'outcome']), quotes: z.array(z.string()) })),
    implementation_failure_only: z.boolean().nullable(),
  }),
});
export type RunFailureModes = z.infer<typeof RunFailureModesSchema>;

/** A count over a denominator, with its Wilson interval (IntervalSchema: successes/total/rate/low/high). */
const Share = IntervalSchema;

/** How the human-coded series is labelled in every figure and table. */
export const HUMAN_CODED_LABEL = 'human-coded (gold set)';

/**
 * Human codes of the runs of a store (packages/failure-modes/gold, coder A with the adjudicated
 * double-coded subset): Figure 6, Table 1 and a derived Table 2, each over the coded runs only.
 */
export const HumanCodedSchema = z.object({
  label: z.literal(HUMAN_CODED_LABEL),
  /** What the gold set is (files, coders, adjudication). */
  gold: z.string(),
  /** Runs of this store matched to a coded conversation (same locator and message count). */
  matched_runs: z.number().int(),
  /** Per run, the human labels on the judge's scales (what failure-modes:validate compares with). */
  runs: z.array(
    z.object({
      record_id: z.string(),
      /** App. F code; plan_drift when the only code is plan drift; none. */
      comm_error: z.union([CommErrorCodeSchema, z.literal('none')]),
      /** Plan drift coded (it may co-occur with an App. F code). */
      plan_drift: z.boolean(),
      /** Failed runs: the primary symptom or implementation_failure; null when the run did not fail. */
      primary: z.union([SymptomSchema, z.literal('implementation_failure')]).nullable(),
      secondary: z.array(SymptomSchema),
    }),
  ),
  /**
   * Figure 6 per model over its coded conversations: a conversation is in a group when its App. F code is
   * in the group or, for hallucination, when plan drift is coded; by_code counts each code (plan drift
   * may co-occur with C3a/C3b, so the hallucination codes can sum to more than the group).
   */
  fig6: z.array(
    z.object({
      model: z.string(),
      conversations: z.number().int(),
      groups: z.array(z.object({ group: CommErrorGroupSchema, share: Share, by_code: z.record(z.string(), Share) })),
    }),
  ),
  /**
   * Table 1 over the failed coop runs the gold set codes (unknown: failed runs with messages it does not
   * code). Failed runs without any message have nothing to code and are counted apart.
   */
  table1: z.object({
    failed_runs_coded: z.number().int(),
    failed_runs_without_messages: z.number().int(),
    implementation_failure_only: z.number().int(),
    rows: z.array(z.object({ symptom: SymptomSchema, primary_share: Share, any_label: Share })),
    /** The same primary shares per model (models differ a lot; the pooled rows hide it). */
    models: z.array(
      z.object({
        model: z.string(),
        failed_runs_coded: z.number().int(),
        implementation_failure_only: z.number().int(),
        rows: z.array(z.object({ symptom: SymptomSchema, primary_share: Share })),
      }),
    ),
  }),
  /** Table 2 DERIVED from the human-coded primary symptoms through the cause mapping (table2.mapping). */
  table2: z.object({ derived: z.literal(true), rows: z.array(z.object({ cause: CauseSchema, share: Share })) }),
});
export type HumanCoded = z.infer<typeof HumanCodedSchema>;

/** Agreement statistics of two coders on one scale or one code (null where undefined, e.g. kappa when chance agreement is 1). */
const CoderAgreementStats = {
  /** Observed agreement: conversations both coders labelled the same, over n, with its Wilson interval. */
  agreement: Share,
  kappa: z.number().nullable(),
  pabak: z.number().nullable(),
  ac1: z.number().nullable(),
};

export const INTER_CODER_FIELDS = ['comm_error', 'plan_drift', 'primary'] as const;
export const INTER_CODER_SCOPES = ['all', 'command-a', 'claude-code'] as const;

/**
 * Inter-coder agreement on the double-coded subset of the gold set (packages/failure-modes/gold): coder B
 * against coder A (the reference), computed from the coded files, the same numbers as gold/AGREEMENT.md.
 */
export const InterCoderSchema = z.object({
  /** What was compared: files, coders, sample, adjudication. */
  description: z.string(),
  reference_coder: z.string(),
  second_coder: z.string(),
  /** Where the disagreements were settled, one reason each. */
  adjudication_file: z.string(),
  /** Conversations coded by both coders, per gold source. */
  conversations: z.record(z.string(), z.number().int().nonnegative()),
  /** Double-coded conversations by how the adjudication settled them (agreed, A, B, neither). */
  resolutions: z.record(z.string(), z.number().int().nonnegative()),
  fields: z.array(
    z.object({
      field: z.enum(INTER_CODER_FIELDS),
      /** The label scale (q = its size, for the multi-category kappa, PABAK and AC1). */
      scale: z.array(z.string()),
      /** Conversations where the coders differ on this field, by what the gold set took. */
      disagreements: z.object(countFields('total', 'settled_as_reference', 'settled_as_second', 'settled_otherwise')),
      scopes: z.array(
        z.object({
          source: z.enum(INTER_CODER_SCOPES),
          /** Conversations both coders coded on this field (primary: failed runs only). */
          n: z.number().int().nonnegative(),
          overall: z.object(CoderAgreementStats),
          /** One-vs-rest per label of the scale: both_yes = both coders gave it, only_a / only_b = one of them. */
          codes: z.array(z.object({ code: z.string(), ...countFields('both_yes', 'only_a', 'only_b', 'both_no'), ...CoderAgreementStats })),
        }),
      ),
    }),
  ),
});
export type InterCoder = z.infer<typeof InterCoderSchema>;

export const FailureModesFileSchema = z.object({
  schema: z.literal('cooperbench-repro/failure-modes@1'),
  /** Every choice the paper leaves open, as used for this file. */
  parameters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  inputs: z.object({
    records: z.number().int(),
    synthetic_records: z.number().int(),
    coop_records: z.number().int(),
    /** Coop records in a messaging arm with at least one message (Figure 6's conversations). */
    conversations: z.number().int(),
    /** Coop records with outcome fail (Table 1's population). */
    failed_coop_runs: z.number().int(),
  }),
  judge: z.object({
    /** not-run: no judge answer was available (no cache entries, no key): every judge-based number is absent. */
    status: z.enum(['not-run', 'complete', 'partial']),
    /** Plain words for outputs and figures ("LLM judge not run: ..."). */
    note: z.string(),
    mode: z.enum(['off', 'replay-only', 'read-write', 'refresh']),
    model: z.string(),
    rubric_versions: z.record(z.string(), z.string()),
    /** API calls made by this run of the stage (0 on a replay), answers taken from the cache. */
    calls: z.number().int(),
    cache_hits: z.number().int(),
    input_tokens: z.number().int(),
    output_tokens: z.number().int(),
    /** Judge answers rejected, by reason (e.g. "quote not in transcript": 3). */
    rejected: z.record(z.string(), z.number().int()),
    /** Transcripts not judged, by reason. */
    not_judged: z.record(z.string(), z.number().int()),
  }),
  /** Figure 6, per model: turns, then % of conversations per group and sub-code (judge), with heuristic cross-checks. */
  fig6: z.array(
    z.object({
      model: z.string(),
      conversations: z.number().int(),
      avg_turns: z.number().nullable(),
      groups: z.array(
        z.object({
          group: CommErrorGroupSchema,
          source: LabelSourceSchema,
          /** Conversations with a label of this group over conversations judged. */
          share: Share.nullable(),
          by_code: z.record(z.string(), Share),
          /** Heuristic estimate of the same group over all conversations (null where no heuristic exists). */
          heuristic: Share.nullable(),
        }),
      ),
    }),
  ),
  /** Table 1: primary symptom shares over failed coop runs the judge labelled; heuristic prevalence beside. */
  table1: z.object({
    source: LabelSourceSchema,
    failed_runs_judged: z.number().int(),
    implementation_failure_only: z.number().int(),
    rows: z.array(
      z.object({
        symptom: SymptomSchema,
        /** Primary label share over failed runs with a coordination label. */
        primary_share: Share.nullable(),
        /** Any-label prevalence over failed runs judged. */
        any_label: Share.nullable(),
        /** Heuristic detection rate over failed coop runs (null where no heuristic exists). */
        heuristic: Share.nullable(),
        paper_percent: z.number(),
      }),
    ),
  }),
  /** Table 2, DERIVED from primary symptoms through the mapping table (the paper assigned causes by hand). */
  table2: z.object({
    source: LabelSourceSchema,
    mapping: z.array(z.object({ symptom: SymptomSchema, cause: CauseSchema, provenance: z.enum(['paper', 'ours']) })),
    rows: z.array(z.object({ cause: CauseSchema, share: Share.nullable(), paper_percent: z.number() })),
  }),
  /**
   * The heuristics against the human-coded gold set (packages/failure-modes/gold), over the runs of this
   * store that the gold set codes; null when it codes none of them.
   */
  gold_validation: z
    .object({
      gold: z.string(),
      matched_runs: z.number().int(),
      /** The floors (failure-modes config `heuristic_validation`) a heuristic must reach to count as validated. */
      floors: z.object({ precision: z.number(), kappa: z.number() }),
      heuristics: z.array(
        z.object({
          heuristic: z.string(),
          /** The Figure 6 group and Table 1 symptom whose heuristic estimate this detector gives (null: none). */
          estimates: z.object({ group: CommErrorGroupSchema.nullable(), symptom: SymptomSchema.nullable() }),
          /** What counts as positive in the gold set. */
          gold: z.string(),
          ...countFields('compared', 'skipped', 'tp', 'fp', 'fn', 'tn'),
          precision: z.number().nullable(),
          recall: z.number().nullable(),
          kappa: z.number().nullable(),
          /** false: precision or kappa below its floor, or undefined; its estimates are then no measurement. */
          validated: z.boolean(),
          /** Why it failed ("precision 0.00 < 0.50 (0 of 25 detections right)"); null when validated. */
          reason: z.string().nullable(),
        }),
      ),
    })
    .nullable(),
  /**
   * The human-coded series (packages/failure-modes/gold), over the runs of this store the gold set codes;
   * null when it codes none of them. Its own section, never mixed with judge or heuristic numbers.
   */
  human_coded: HumanCodedSchema.nullable(),
  /** The gold set's inter-coder agreement; null without a double-coded gold set, absent in files written before it existed. */
  inter_coder: InterCoderSchema.nullable().optional(),
  runs: z.array(RunFailureModesSchema),
});
export type FailureModesFile = z.infer<typeof FailureModesFileSchema>;
