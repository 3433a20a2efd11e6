import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { installTextMetrics } from './text-metrics.js';

export interface SvgResult {
  svg: string;
  /** Warnings from the vega-lite compiler and the vega runtime (a clean figure has none). */
  warnings: string[];
}

/** Collects messages instead of printing them, so callers (and tests) decide what to do with them. */
function collectingLogger(warnings: string[]) {
  let level = vega.Warn;
  const logger = {
    level(l?: number) {
      if (l === undefined) return level;
      level = l;
      return logger;
    },
    error(...args: readonly unknown[]) {
      warnings.push(`error: ${args.map(String).join(' ')}`);
      return logger;
    },
    warn(...args: readonly unknown[]) {
      if (level >= vega.Warn) warnings.push(args.map(String).join(' '));
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  };
  return logger;
}

/** vega-lite spec -> vega spec -> headless vega View (`renderer: 'none'`, no canvas) -> SVG text. */
export async function specToSvg(spec: TopLevelSpec): Promise<SvgResult> {
  installTextMetrics();
  const warnings: string[] = [];
  const logger = collectingLogger(warnings);
  const compiled = compile(spec, { logger: logger as never }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logger: logger as never });
  try {
    const svg = await view.toSVG();
    return { svg, warnings };
  } finally {
    view.finalize();
  }
}
