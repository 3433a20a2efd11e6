export { fig4, FIG4_CSV_COLUMNS, type Fig4Options } from './figures/fig4.js';
export { fig4PerModel, FIG4_PER_MODEL_CSV_COLUMNS, type Fig4PerModelOptions } from './figures/fig4-per-model.js';
export { loadDifficulty } from './load.js';
export { PAPER_FIG4_WEBSITE_CURVE, PAPER_FIG4_SOURCE, paperCurveAuc, trapezoid, type PaperCurvePoint } from './paper-reference.js';
export { renderFigure, writeFigure, type FigureDefinition, type RenderedFigure, type WrittenFigure } from './render/figure.js';
export { specToSvg, svgSize } from './render/svg.js';
export { svgToPng, rasterize, PNG_SCALE } from './render/png.js';
export { svgToPdf } from './render/pdf.js';
export { toCsv } from './render/csv.js';
export { FONT_FAMILY, FONT_FILES } from './render/fonts.js';
export { fig5, formatP, shortModelName, communicationSubtitle, FIG5_CSV_COLUMNS, FIG5_PANEL_TITLES, FIG5_AXIS_TITLES, type Fig5Options } from './figures/fig5.js';
export {
  qualitativeTable,
  qualitativeRows,
  writeQualitativeTable,
  renderMarkdown,
  renderLatex,
  escapeLatex,
  escapeMarkdown,
  type QualitativeRow,
  type QualitativeTable,
  type QualitativeTableOptions,
} from './tables/qualitative.js';
export { loadCommunication } from './load.js';
export {
  PAPER_MODELS,
  PAPER_TABLE6_LLM,
  PAPER_FIG5C_SHARE,
  PAPER_QUALITATIVE,
  PAPER_FIG5_SOURCE,
  type PaperModel,
} from './paper-reference-communication.js';
export { loadFailureModes } from './load.js';
export {
  fig6,
  failureModesSubtitle,
  codeLegendLabel,
  FIG6_CSV_COLUMNS,
  FIG6_PANEL_TITLES,
  FIG6_AXIS_TITLES,
  FIG6_JUDGE_NOT_RUN,
  FIG6_NOT_MEASURED,
  FIG6_HEURISTIC_SERIES,
  FIG6_PAPER_SERIES,
  type Fig6Options,
} from './figures/fig6.js';
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
export {
  PAPER_FIG6,
  PAPER_TABLE1,
  PAPER_TABLE2,
  PAPER_TABLE2_TRACES,
  PAPER_FIG6_SOURCE,
  FIG6_GROUP_CODES,
  COMM_ERROR_LABELS,
  COMM_ERROR_GROUP_LABELS,
  SYMPTOM_LABELS,
  CAUSE_LABELS,
  type PaperFig6Values,
} from './paper-reference-failure-modes.js';
