import { COMM_ERROR_GROUPS, type CommErrorGroup, type FailureModesFile, type Interval } from '@cooperbench-repro/contracts';
import { HEURISTICS } from '@cooperbench-repro/failure-modes';
import { codeLegendLabel, COMM_ERROR_GROUP_LABELS, FIG6_GROUP_CODES, FIG6_HEURISTIC_SERIES, fig6Data, fig6Spec, HUMAN_ROW, JUDGE_ROW, shortModelName } from '@cooperbench-repro/figures';
import type { TopLevelSpec } from 'vega-lite';
import type { SelectionBook } from './selection.js';

/**
 * Figure 6 with click-through, through the runs table's failure-mode flag filter (record-rows.ts
 * failureFlags): a human-coded segment opens the model's runs the gold set codes with that code
 * (`human:C4a`), a judge segment those the judge labelled (`judge:C4a`), a heuristic bar of panel (e)
 * those where the group's heuristic fired (`heuristic:repetition`). The n is the stage's count of
 * conversations with that label (`by_code[code].successes`, the heuristic's `successes`). Panel (a)
 * (average turns) and the paper's rows open nothing.
 */

type Seg = { row: string; series: string };

/** Our models' row names as the data step prints them (short names, the full name when two collide). */
function rowNames(data: FailureModesFile): Map<string, string> {
  const names = new Map<string, string>();
  const models = [...new Set([...data.fig6.map((m) => m.model), ...(data.human_coded?.fig6 ?? []).map((m) => m.model)])];
  for (const model of models) {
    const short = shortModelName(model);
    names.set(model, [...names.values()].includes(short) ? model : short);
  }
  return names;
}

/** The one heuristic estimating a group (a flag filter names one flag), else null. */
function heuristicOf(group: CommErrorGroup): string | null {
  const names = HEURISTICS.filter((h) => h.estimates.group === group).map((h) => h.name);
  return names.length === 1 ? names[0]! : null;
}

type Target = { model: string; flag: string; iv: Interval | undefined; what: string };

/** What each clickable row of a group panel stands for, by row name and series. */
function groupTargets(data: FailureModesFile, group: CommErrorGroup, names: Map<string, string>): Map<string, Target> {
  const out = new Map<string, Target>();
  const add = (row: string, code: string, t: Target) => out.set(`${row}\0${codeLegendLabel(code)}`, t);
  for (const m of data.human_coded?.fig6 ?? []) {
    const g = m.groups.find((x) => x.group === group);
    const row = `${names.get(m.model) ?? m.model} ${HUMAN_ROW}`;
    for (const code of FIG6_GROUP_CODES[group]) add(row, code, { model: m.model, flag: `human:${code}`, iv: g?.by_code[code], what: `human-coded ${code}` });
  }
  if (data.judge.status !== 'not-run') {
    for (const m of data.fig6) {
      const g = m.groups.find((x) => x.group === group);
      const row = `${names.get(m.model)} ${JUDGE_ROW}`;
      for (const code of FIG6_GROUP_CODES[group]) add(row, code, { model: m.model, flag: `judge:${code}`, iv: g?.by_code[code], what: `LLM judge ${code}` });
    }
  }
  return out;
}

function tag(seg: Seg, t: Target | undefined, book: SelectionBook): void {
  if (!t?.iv) return;
  book.add(seg, { figure: 'fig6', label: `Figure 6: ${t.model}, ${t.what} (flag ${t.flag})`, filter: { model: t.model, flag: t.flag }, n: t.iv.successes, missing: 0 });
}

export function fig6Annotated(data: FailureModesFile, opts: { paperReference: boolean; source: string }, book: SelectionBook): TopLevelSpec {
  const d = fig6Data(data, opts);
  const names = rowNames(data);
  for (const panel of d.groups) {
    const targets = groupTargets(data, panel.group, names);
    for (const seg of panel.segs) tag(seg, targets.get(`${seg.row}\0${seg.series}`), book);
  }
  const heuristic = new Map<string, Target>();
  for (const group of COMM_ERROR_GROUPS) {
    const name = heuristicOf(group);
    if (!name) continue;
    for (const m of data.fig6) {
      const iv = m.groups.find((x) => x.group === group)?.heuristic ?? undefined;
      heuristic.set(`${names.get(m.model)} · ${COMM_ERROR_GROUP_LABELS[group].toLowerCase()}`, { model: m.model, flag: `heuristic:${name}`, iv, what: `heuristic ${name}` });
    }
  }
  for (const seg of d.heuristics.segs) if (seg.series === FIG6_HEURISTIC_SERIES) tag(seg, heuristic.get(seg.row), book);
  return fig6Spec(d);
}
