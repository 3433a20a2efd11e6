import type { OptionValue } from './argparse.js';

/** Typed reads of argparse values (the specs in cli-spec.ts guarantee the types). */
export class ParsedValues {
  constructor(private readonly values: Readonly<Record<string, OptionValue>>) {}

  str(dest: string): string | null {
    const v = this.values[dest];
    return typeof v === 'string' ? v : null;
  }

  /** A string option that has a default. */
  text(dest: string): string {
    const v = this.str(dest);
    if (v === null) throw new Error(`option ${dest} has no default`);
    return v;
  }

  int(dest: string): number | null {
    const v = this.values[dest];
    return typeof v === 'number' ? v : null;
  }

  flag(dest: string): boolean {
    return this.values[dest] === true;
  }
}
