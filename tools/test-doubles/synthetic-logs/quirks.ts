/**
 * How often the awkward cases of real runs appear. Rates are probabilities per agent, pair or tested
 * feature as named; the defaults are in the range seen in the shared real runs.
 */
export interface QuirkRates {
  /** Per agent: status "Error" with error text (adapter or infrastructure exception). */
  agentError: number;
  /** Per coop pair: both agents Error with the same message (e.g. an install failure). */
  bothAgentsError: number;
  /** Per agent: status "LimitsExceeded". */
  limitsExceeded: number;
  /** Per Submitted agent: no patch.txt written, so an empty patch. */
  emptyPatch: number;
  /** Per pair whose agents all worked: eval raised before writing, so no eval.json. */
  missingEval: number;
  /** The same per pair with an agent in status Error (much likelier: e.g. the sandbox that failed the agent fails the eval too). */
  missingEvalAfterAgentError: number;
  /** Per pair: eval.json with a run-level `error` (e.g. "Failed to get base commit SHA"). */
  evalError: number;
  /** Per messaging coop pair: nobody wrote (conversation.json `[]`). */
  silentPair: number;
  /** Per coop pair with two patches: byte-identical patches. */
  identicalPatches: number;
  /** Per applied patch, identical-naive era: `git apply` failed (merge status missing_input). */
  applyFailed: number;
  /** Per tested feature: the 600 s sandbox timeout. */
  timeout: number;
  /** Per patch: the agent also edited a test file (upstream's eval filters it). */
  testFileEdit: number;
}

export const DEFAULT_QUIRKS: QuirkRates = {
  agentError: 0.03,
  bothAgentsError: 0.01,
  limitsExceeded: 0.05,
  emptyPatch: 0.03,
  missingEval: 0.02,
  missingEvalAfterAgentError: 0.5,
  evalError: 0.01,
  silentPair: 0.08,
  identicalPatches: 0.01,
  applyFailed: 0.01,
  timeout: 0.02,
  testFileEdit: 0.2,
};
