import type { CommunicationFile, ComparisonFile, DifficultyFile, FailureModesFile, OutcomesFile } from '@cooperbench-repro/contracts';
import { publishedComparison, withDataLabel, type FigureDefinition } from '@cooperbench-repro/figures';
import type { TopLevelSpec } from 'vega-lite';
import { fig4Annotated, fig4PerModelAnnotated } from './figure-fig4.js';
import { fig5Annotated } from './figure-fig5.js';
import { fig6Annotated } from './figure-fig6.js';
import { perRepositoryAnnotated } from './figure-per-repository.js';
import { SelectionBook, type Selection } from './selection.js';
import type { StoreView } from './store-view.js';

/** One figure of the overview: the same vega-lite spec as the static figure, rows tagged for click-through. */
export interface ReportFigure {
  name: string;
  title: string;
  spec: TopLevelSpec;
  /** Why some marks open no runs list (paper values, shares over messages), shown under the figure. */
  note: string | null;
}

export interface FigureInputs {
  difficulty: DifficultyFile;
  communication: CommunicationFile;
  failureModes: FailureModesFile;
  outcomes: OutcomesFile;
  comparison: ComparisonFile;
  view: StoreView;
  files: { difficulty: string; communication: string; failureModes: string; outcomes: string };
  /** The data profile's label (sources.json), as the static figures print it; null for the default data. */
  label: string | null;
}

const PAPER_NOTE = "The paper's values (dashed or 'Paper:' rows) have no runs here.";

export function reportFigures(inp: FigureInputs): { figures: ReportFigure[]; selections: Selection[] } {
  const book = new SelectionBook();
  const opts = (source: string) => ({ paperReference: true, source });
  const defs: (FigureDefinition & { note: string | null })[] = [
    { name: 'fig4', title: 'Figure 4', spec: fig4Annotated(inp.difficulty, opts(inp.files.difficulty), book), csv: { columns: [], rows: [] }, note: PAPER_NOTE },
    { name: 'fig4-per-model', title: 'Figure 7', spec: fig4PerModelAnnotated(inp.difficulty, { source: inp.files.difficulty }, book), csv: { columns: [], rows: [] }, note: null },
    {
      name: 'fig5',
      title: 'Figure 5',
      spec: fig5Annotated(inp.communication, inp.view, opts(inp.files.communication), book),
      csv: { columns: [], rows: [] },
      note: `${PAPER_NOTE} Panel (c) counts messages, not runs: its bars open no runs list.`,
    },
    {
      name: 'fig6',
      title: 'Figure 6',
      spec: fig6Annotated(inp.failureModes, opts(inp.files.failureModes), book),
      csv: { columns: [], rows: [] },
      note: `${PAPER_NOTE} A human-coded, judge or heuristic bar opens the model's conversations carrying that label (failure-mode flag human:, judge: or heuristic:); panel (a) opens nothing.`,
    },
    {
      name: 'per-repository',
      title: 'Per-repository results',
      spec: perRepositoryAnnotated(inp.outcomes, inp.view.records, { source: inp.files.outcomes }, book),
      csv: { columns: [], rows: [] },
      note: null,
    },
    {
      ...publishedComparison(inp.comparison),
      note: "The published models' values are the paper's per-pair results: they have no runs here, and this figure opens no runs list.",
    },
  ];
  const figures = defs.map((def) => {
    const labelled = inp.label ? withDataLabel(def, inp.label) : def;
    const title = typeof labelled.spec.title === 'object' && labelled.spec.title && 'text' in labelled.spec.title ? String(labelled.spec.title.text) : def.title;
    return { name: def.name, title, spec: labelled.spec, note: def.note };
  });
  return { figures, selections: book.selections };
}
