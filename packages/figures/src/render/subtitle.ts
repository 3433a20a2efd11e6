/** Titles and subtitles shared by the figures and tables: the loud SYNTHETIC / NO DATA lines, confidence. */

const WARNING_COLOR = '#c00000';
const NOTE_COLOR = '#444444';

/** The red line for synthetic records, or null when every record is real. */
function syntheticWarning(records: number, syntheticRecords: number): string | null {
  if (syntheticRecords <= 0) return null;
  const share = syntheticRecords === records ? 'all' : `${syntheticRecords} of`;
  return `SYNTHETIC DEMO DATA — not real agent runs (${share} ${records} records are synthetic)`;
}

/** The red line of a figure or table drawn from no record at all (an empty store, a wrong log root). */
const noDataLine = (source?: string) => `NO DATA: 0 run records${source ? ` in ${source}` : ''}; nothing to show`;

/** The loud line a figure or table leads with: NO DATA when there is no record, else the SYNTHETIC line (or null). */
export function dataWarning(records: number, syntheticRecords: number, source?: string): string | null {
  return records === 0 ? noDataLine(source) : syntheticWarning(records, syntheticRecords);
}

/** The confidence level of a stage's `parameters.confidence`, when it is a usable one. */
export function confidenceOf(parameters: Record<string, unknown>): number | null {
  const c = parameters.confidence;
  return typeof c === 'number' && c > 0 && c < 1 ? c : null;
}

/** "Wilson 95%" (or "Wilson" when the level is unknown). */
export const wilsonText = (conf: number | null) => (conf === null ? 'Wilson' : `Wilson ${Math.round(conf * 100)}%`);

/** "95% CI" (or "CI" when the level is unknown), for table headers. */
export const ciText = (conf: number | null) => (conf === null ? 'CI' : `${Math.round(conf * 100)}% CI`);

export interface Subtitle {
  lines: string[];
  color: string;
}

/** Red warning lines (nulls skipped) above the detail lines; the subtitle is red when there is any warning. */
export function warnedSubtitle(warnings: readonly (string | null)[], detail: readonly string[]): Subtitle {
  const loud = warnings.filter((w): w is string => w !== null);
  return { lines: [...loud, ...detail], color: loud.length > 0 ? WARNING_COLOR : NOTE_COLOR };
}

/**
 * A figure's subtitle from its records: the NO DATA line alone when there are none; else the SYNTHETIC
 * line (when any record is synthetic) and `extraWarnings` above the detail lines.
 */
export function dataSubtitle(records: number, syntheticRecords: number, source: string, detail: readonly string[], extraWarnings: readonly (string | null)[] = []): Subtitle {
  const loud = dataWarning(records, syntheticRecords, source);
  return records === 0 ? warnedSubtitle([loud], []) : warnedSubtitle([loud, ...extraWarnings], detail);
}

/** The title block of a whole figure. */
export function figureTitle(text: string, subtitle: Subtitle) {
  return { text, subtitle: subtitle.lines, subtitleColor: subtitle.color };
}

/** The title block of one panel: 14 px title, subtitle lines at `subtitleFontSize`, then any extras. */
export function panelTitle<S extends string | string[], E extends object = object>(text: string, subtitle: S, subtitleFontSize: number, extra?: E) {
  return { text, subtitle, fontSize: 14, subtitleFontSize, ...(extra ?? ({} as E)) };
}

/** Pads the subtitles of panels in one row to the same number of lines, so their titles line up. */
export function alignSubtitles(panels: readonly { title: { subtitle: string[] } }[]): void {
  const lines = Math.max(...panels.map((p) => p.title.subtitle.length));
  for (const p of panels) while (p.title.subtitle.length < lines) p.title.subtitle.push(' ');
}

/** Splits a caption line at word boundaries so no line is longer than `max` characters (a longer word stays whole). */
export function wrapLine(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
