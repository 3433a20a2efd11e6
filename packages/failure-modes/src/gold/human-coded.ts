import { CAUSES, COMM_ERROR_GROUPS, HUMAN_CODED_LABEL, SYMPTOMS, type HumanCoded, type RunRecord, type Symptom } from '@cooperbench-repro/contracts';
import { GROUP_CODES } from '../aggregate/fig6-numbers.js';
import { share } from '../aggregate/share.js';
import { causeOf } from '../cause-mapping.js';
import type { GoldConversation } from './gold-set.js';
import { goldDescription, matchGold } from './gold-validation.js';

/** The populations of the stage (which records Figure 6 and Table 1 look at), as record ids. */
export interface HumanCodedPopulations {
  conversations: readonly RunRecord[];
  failedCoopRuns: readonly RunRecord[];
}

/**
 * The gold code of a conversation on the judge's one-label scale (what failure-modes:validate compares
 * with): the App. F code when one was coded, else plan drift when coded, else none.
 */
export function goldCommLabel(g: GoldConversation): HumanCoded['runs'][number]['comm_error'] {
  if (g.comm_error !== 'none') return g.comm_error as HumanCoded['runs'][number]['comm_error'];
  return g.plan_drift ? 'plan_drift' : 'none';
}

/** Is the conversation in a Figure 6 group? Hallucination also takes plan drift, coded apart from the App. F code. */
function inGroup(g: GoldConversation, group: (typeof COMM_ERROR_GROUPS)[number]): boolean {
  return (GROUP_CODES[group] as readonly string[]).includes(g.comm_error) || (group === 'hallucination' && g.plan_drift);
}

function hasCode(g: GoldConversation, code: string): boolean {
  return code === 'plan_drift' ? g.plan_drift : g.comm_error === code;
}

/** Figure 6 per model over its coded conversations; `unknown` = the model's conversations the gold set does not code. */
function fig6(conversations: readonly RunRecord[], matched: ReadonlyMap<string, GoldConversation>, confidence: number): HumanCoded['fig6'] {
  const models = [...new Set(conversations.filter((r) => matched.has(r.record_id)).map((r) => r.model))].sort();
  return models.map((model) => {
    const runs = conversations.filter((r) => r.model === model);
    const coded = runs.flatMap((r) => matched.get(r.record_id) ?? []);
    const unknown = runs.length - coded.length;
    const count = (f: (g: GoldConversation) => boolean) => share(coded.filter(f).length, coded.length, unknown, confidence);
    return {
      model,
      conversations: coded.length,
      groups: COMM_ERROR_GROUPS.map((group) => ({
        group,
        share: count((g) => inGroup(g, group)),
        by_code: Object.fromEntries(GROUP_CODES[group].map((code) => [code, count((g) => hasCode(g, code))])),
      })),
    };
  });
}

/**
 * Table 1 and the derived Table 2 over the failed coop runs the gold set codes with symptoms (`unknown`:
 * failed runs with messages it does not code).
 */
function tables(failed: readonly RunRecord[], matched: ReadonlyMap<string, GoldConversation>, confidence: number): Pick<HumanCoded, 'table1' | 'table2'> {
  const coded = failed.flatMap((r) => {
    const g = matched.get(r.record_id);
    return g && g.primary !== null ? [g] : [];
  });
  // Failed runs without a message have nothing to code (implementation failures by the rule): counted apart, not unknown.
  const withoutMessages = failed.filter((r) => r.messages.length === 0).length;
  const unknown = failed.length - withoutMessages - coded.length;
  const labelled = coded.filter((g) => g.primary !== 'implementation_failure');
  const primaryIs = (s: Symptom) => labelled.filter((g) => g.primary === s).length;
  const anyIs = (s: Symptom) => coded.filter((g) => g.primary === s || g.secondary.includes(s)).length;
  const causes = labelled.map((g) => causeOf(g.primary as Symptom));
  const models = [...new Set(failed.filter((r) => matched.get(r.record_id)?.primary != null).map((r) => r.model))].sort();
  return {
    table1: {
      failed_runs_coded: coded.length,
      failed_runs_without_messages: withoutMessages,
      implementation_failure_only: coded.length - labelled.length,
      rows: SYMPTOMS.map((symptom) => ({
        symptom,
        primary_share: share(primaryIs(symptom), labelled.length, unknown, confidence),
        any_label: share(anyIs(symptom), coded.length, unknown, confidence),
      })),
      models: models.map((model) => perModel(model, failed, matched, confidence)),
    },
    table2: { derived: true, rows: CAUSES.map((cause) => ({ cause, share: share(causes.filter((c) => c === cause).length, labelled.length, unknown, confidence) })) },
  };
}

/** One model's primary shares over its coded failed runs with a coordination symptom. */
function perModel(model: string, failed: readonly RunRecord[], matched: ReadonlyMap<string, GoldConversation>, confidence: number): HumanCoded['table1']['models'][number] {
  const mine = failed.filter((r) => r.model === model);
  const coded = mine.flatMap((r) => {
    const g = matched.get(r.record_id);
    return g && g.primary !== null ? [g] : [];
  });
  const unknown = mine.filter((r) => r.messages.length > 0).length - coded.length;
  const labelled = coded.filter((g) => g.primary !== 'implementation_failure');
  return {
    model,
    failed_runs_coded: coded.length,
    implementation_failure_only: coded.length - labelled.length,
    rows: SYMPTOMS.map((symptom) => ({ symptom, primary_share: share(labelled.filter((g) => g.primary === symptom).length, labelled.length, unknown, confidence) })),
  };
}

/**
 * The human-coded series of a store: the gold codes of the runs it matches, Figure 6 per model, Table 1
 * and Table 2 derived through the cause mapping, with the same populations and Wilson intervals as the
 * judge's. null when the gold set codes none of the store's runs.
 */
export function humanCoded(pop: HumanCodedPopulations, gold: ReadonlyMap<string, GoldConversation> | null, confidence: number): HumanCoded | null {
  if (!gold) return null;
  const matched = matchGold([...pop.conversations, ...pop.failedCoopRuns], gold);
  if (matched.size === 0) return null;
  const ids = [...matched.keys()].sort();
  return {
    label: HUMAN_CODED_LABEL,
    gold: goldDescription(gold),
    matched_runs: matched.size,
    runs: ids.map((record_id) => {
      const g = matched.get(record_id)!;
      return { record_id, comm_error: goldCommLabel(g), plan_drift: g.plan_drift, primary: g.primary as HumanCoded['runs'][number]['primary'], secondary: g.secondary as Symptom[] };
    }),
    fig6: fig6(pop.conversations, matched, confidence),
    ...tables(pop.failedCoopRuns, matched, confidence),
  };
}
