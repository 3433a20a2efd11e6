export { fig4, fig4Data, fig4Spec, FIG4_CSV_COLUMNS, type Fig4Data, type Fig4Options } from './figures/fig4/index.js';
export { fig4PerModel, fig4PerModelData, fig4PerModelSpec, FIG4_PER_MODEL_CSV_COLUMNS, type Fig4PerModelData, type Fig4PerModelOptions } from './figures/fig4-per-model/index.js';
export { fig5, fig5Data, fig5Spec, communicationSubtitle, FIG5_CSV_COLUMNS, FIG5_PANEL_TITLES, FIG5_AXIS_TITLES, type Fig5Data, type Fig5Options } from './figures/fig5/index.js';
export {
  fig6,
  fig6Data,
  fig6Spec,
  failureModesSubtitle,
  codeLegendLabel,
  FIG6_CSV_COLUMNS,
  FIG6_PANEL_TITLES,
  FIG6_AXIS_TITLES,
  FIG6_JUDGE_NOT_RUN,
  FIG6_NOT_MEASURED,
  FIG6_HEURISTIC_SERIES,
  FIG6_PAPER_SERIES,
  HUMAN_ROW,
  JUDGE_ROW,
  type Fig6Data,
  type Fig6Options,
} from './figures/fig6/index.js';
export { loadCommunication, loadDifficulty, loadFailureModes, loadOutcomes } from './load.js';
export { perRepository, perRepositoryData, perRepositorySpec, renderPerRepositoryMarkdown, PER_REPOSITORY_CSV_COLUMNS, PER_REPOSITORY_ARMS, type PerRepositoryData } from './figures/per-repository/index.js';
export { mergeLadderRows, writeMergeLadder, renderMergeLadderMarkdown, renderMergeLadderLatex, MERGE_LADDER_CSV_COLUMNS, type MergeLadderRow } from './tables/merge-ladder.js';
// Renderers (vega, resvg, pdfkit) are not re-exported: the report and the table commands import this
// index, and each re-export would load its library at start-up (renderFigure loads them when it runs).
export { renderFigure, writeFigure, withDataLabel, type FigureDefinition, type RenderedFigure, type WrittenFigure } from './render/figure.js';
export { toCsv, csvRows } from './render/csv.js';
export { FONT_FAMILY, FONT_FILES } from './render/fonts.js';
export { escapeLatex, escapeMarkdown } from './render/escape.js';
export { formatP, shortModelName, FIG6_GROUP_CODES, COMM_ERROR_LABELS, COMM_ERROR_GROUP_LABELS, SYMPTOM_LABELS, CAUSE_LABELS } from './render/labels.js';
export {
  PAPER_MODELS,
  PAPER_FIG4_SOURCE,
  PAPER_FIG5_SOURCE,
  PAPER_FIG6_SOURCE,
  PAPER_TABLE2_TRACES,
  paperFig4WebsiteCurve,
  paperCurveAuc,
  paperTable6Llm,
  paperFig5cShare,
  paperFirstTurnPlanConflictPct,
  paperFig6,
  paperTable1,
  paperTable2,
  formatPaper,
  type PaperModel,
  type PaperCurvePoint,
  type PaperFig6Values,
} from './render/paper.js';
export {
  qualitativeTable,
  qualitativeRows,
  writeQualitativeTable,
  renderMarkdown,
  renderLatex,
  type QualitativeRow,
  type QualitativeTable,
  type QualitativeTableOptions,
} from './tables/qualitative.js';
export {
  failureModesTable,
  writeFailureModesTable,
  table1Rows,
  table2Rows,
  formatShareCi,
  formatShareCount,
  judgeLines,
  TABLE2_DISCLAIMER,
  JUDGE_NOT_RUN_TABLES,
  type Table1Row,
  type Table2Row,
  type FailureModesTable,
  type FailureModesTableOptions,
} from './tables/failure-modes.js';
// For the HTML report (packages/report): the printed names the figures' rows carry, to map a mark back to its records.
export { armLabel, modelLabel, POOLED_MODEL, POOLED_LABEL } from './render/style.js';
export { publishedComparison, publishedComparisonData, publishedComparisonSpec, PUBLISHED_COMPARISON_CSV_COLUMNS, type PublishedComparisonData } from './figures/published-comparison/index.js';
export { loadComparison } from './load.js';
