/**
 * Just enough of Python's argparse to reject what upstream's parser rejects, with the same exit code
 * (2) and message shape (`usage: ...` then `cooperbench run: error: ...` on stderr): `--opt value`,
 * `--opt=value`, `-nvalue`, unique prefixes of long options, store_true flags, int types and choices.
 * Unknown options and stray positionals are collected and reported as `unrecognized arguments`.
 */

export type OptionValue = string | number | boolean | null;

export interface OptionSpec {
  /** Key in the parsed values, e.g. `eval_concurrency`. */
  dest: string;
  flags: readonly string[];
  /** A store_true flag (takes no value; default false). */
  flag?: boolean;
  type?: 'int';
  choices?: readonly string[];
  default?: OptionValue;
  help: string;
}

export interface CommandSpec {
  name: string;
  help: string;
  description: string;
  options: readonly OptionSpec[];
  /** Arguments after the command are not parsed (commands the stand-in only refuses). */
  passthrough?: boolean;
}

export interface ProgramSpec {
  prog: string;
  description: string;
  commands: readonly CommandSpec[];
  versionText: string;
}

export type ParseOutcome =
  | { kind: 'command'; command: string; values: Record<string, OptionValue> }
  /** `-h` or `--version`: print to stdout and exit 0. */
  | { kind: 'print'; text: string };

export class ArgparseError extends Error {
  constructor(
    readonly usage: string,
    readonly prog: string,
    message: string,
  ) {
    super(message);
    this.name = 'ArgparseError';
  }

  /** What argparse prints before exiting with status 2. */
  render(): string {
    return `${this.usage}\n${this.prog}: error: ${this.message}\n`;
  }
}

/** Python's repr() of a str, as argparse quotes values in its messages. */
export function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  return quote + s.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`) + quote;
}

const HELP: OptionSpec = { dest: 'help', flags: ['-h', '--help'], flag: true, help: 'show this help message and exit' };
const VERSION: OptionSpec = { dest: 'version', flags: ['--version'], flag: true, help: "show program's version number and exit" };

const NEGATIVE_NUMBER = /^-\d+$|^-\d*\.\d+$/;
/** Python's int(): optional sign, digits with single underscores, surrounding whitespace. */
const PY_INT = /^\s*[+-]?\d+(?:_\d+)*\s*$/;

function looksLikeOption(token: string): boolean {
  return token.startsWith('-') && token !== '-' && !NEGATIVE_NUMBER.test(token);
}

function metavar(o: OptionSpec): string {
  return o.choices ? `{${o.choices.join(',')}}` : o.dest.toUpperCase();
}

function invocation(o: OptionSpec): string {
  return o.flag ? o.flags.join(', ') : o.flags.map((f) => `${f} ${metavar(o)}`).join(', ');
}

/** One usage line, wrapped like argparse at 80 columns under the program name. */
function usageLine(prog: string, parts: readonly string[]): string {
  const head = `usage: ${prog} `;
  const lines: string[] = [];
  let line = head;
  for (const part of parts) {
    if (line.length + part.length > 80 && line.trim() !== head.trim()) {
      lines.push(line.trimEnd());
      line = ' '.repeat(head.length);
    }
    line += `${part} `;
  }
  lines.push(line.trimEnd());
  return lines.join('\n');
}

function commandUsage(spec: ProgramSpec, command: CommandSpec): string {
  const parts = ['[-h]', ...command.options.map((o) => `[${o.flag ? o.flags[0] : `${o.flags[0]} ${metavar(o)}`}]`)];
  return usageLine(`${spec.prog} ${command.name}`, parts);
}

function programUsage(spec: ProgramSpec): string {
  return usageLine(spec.prog, ['[-h]', '[--version]', `{${spec.commands.map((c) => c.name).join(',')}}`, '...']);
}

function helpRow(left: string, help: string): string {
  const pad = 24;
  return left.length + 2 < pad ? `  ${left.padEnd(pad - 2)}${help}` : `  ${left}\n${' '.repeat(pad)}${help}`;
}

function commandHelp(spec: ProgramSpec, command: CommandSpec): string {
  const rows = [HELP, ...command.options].map((o) => helpRow(invocation(o), o.help));
  return `${commandUsage(spec, command)}\n\n${command.description}\n\noptions:\n${rows.join('\n')}\n`;
}

function programHelp(spec: ProgramSpec): string {
  const names = `{${spec.commands.map((c) => c.name).join(',')}}`;
  const rows = spec.commands.map((c) => helpRow(`  ${c.name}`, c.help));
  return `${programUsage(spec)}\n\n${spec.description}\n\npositional arguments:\n  ${names}\n${rows.join('\n')}\n\noptions:\n${[HELP, VERSION].map((o) => helpRow(invocation(o), o.help)).join('\n')}\n`;
}

/** Exact flag, or (long options only) a unique prefix, as argparse's allow_abbrev does. */
function findOption(options: readonly OptionSpec[], name: string, fail: (message: string) => never): OptionSpec | null {
  const exact = options.find((o) => o.flags.includes(name));
  if (exact || !name.startsWith('--')) return exact ?? null;
  const matches = options.flatMap((o) => o.flags.filter((f) => f.startsWith('--') && f.startsWith(name)).map((f) => ({ o, f })));
  if (matches.length > 1) fail(`ambiguous option: ${name} could match ${matches.map((m) => m.f).join(', ')}`);
  return matches[0]?.o ?? null;
}

function convert(o: OptionSpec, raw: string, fail: (message: string) => never): OptionValue {
  const name = o.flags.join('/');
  let value: OptionValue = raw;
  if (o.type === 'int') {
    if (!PY_INT.test(raw)) fail(`argument ${name}: invalid int value: ${pyRepr(raw)}`);
    value = Number(raw.trim().replace(/_/g, ''));
  }
  if (o.choices && !o.choices.includes(String(value))) {
    fail(`argument ${name}: invalid choice: ${pyRepr(String(value))} (choose from ${o.choices.map(pyRepr).join(', ')})`);
  }
  return value;
}

function parseCommand(spec: ProgramSpec, command: CommandSpec, tokens: readonly string[]): ParseOutcome {
  if (command.passthrough) return { kind: 'command', command: command.name, values: {} };
  const usage = commandUsage(spec, command);
  const fail = (message: string): never => {
    throw new ArgparseError(usage, `${spec.prog} ${command.name}`, message);
  };
  const values: Record<string, OptionValue> = Object.fromEntries(command.options.map((o) => [o.dest, o.flag ? false : (o.default ?? null)]));
  const extras: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token === '--') {
      extras.push(...tokens.slice(i + 1));
      break;
    }
    if (!looksLikeOption(token)) {
      extras.push(token);
      continue;
    }
    // `--name=value`, or a short option with its value attached (`-nvalue`, `-n=value`).
    let name = token;
    let attached: string | undefined;
    if (token.startsWith('--')) {
      const eq = token.indexOf('=');
      if (eq > 0) [name, attached] = [token.slice(0, eq), token.slice(eq + 1)];
    } else if (token.length > 2) {
      [name, attached] = [token.slice(0, 2), token.slice(2).replace(/^=/, '')];
    }
    const option = findOption([HELP, ...command.options], name, fail);
    if (!option) {
      extras.push(token);
      continue;
    }
    if (option === HELP) return { kind: 'print', text: commandHelp(spec, command) };
    const label = option.flags.join('/');
    if (option.flag) {
      if (attached !== undefined) fail(`argument ${label}: ignored explicit argument ${pyRepr(attached)}`);
      values[option.dest] = true;
      continue;
    }
    if (attached === undefined) {
      const next = tokens[i + 1];
      if (next === undefined || looksLikeOption(next) || next === '--') fail(`argument ${label}: expected one argument`);
      attached = next;
      i++;
    }
    values[option.dest] = convert(option, attached!, fail);
  }
  if (extras.length) throw new ArgparseError(programUsage(spec), spec.prog, `unrecognized arguments: ${extras.join(' ')}`);
  return { kind: 'command', command: command.name, values };
}

export function parseArgs(spec: ProgramSpec, argv: readonly string[]): ParseOutcome {
  const usage = programUsage(spec);
  const fail = (message: string): never => {
    throw new ArgparseError(usage, spec.prog, message);
  };
  const extras: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (looksLikeOption(token)) {
      const option = findOption([HELP, VERSION], token, fail);
      if (option === HELP) return { kind: 'print', text: programHelp(spec) };
      if (option === VERSION) return { kind: 'print', text: `${spec.versionText}\n` };
      extras.push(token);
      continue;
    }
    const command = spec.commands.find((c) => c.name === token);
    if (!command) fail(`argument command: invalid choice: ${pyRepr(token)} (choose from ${spec.commands.map((c) => pyRepr(c.name)).join(', ')})`);
    const parsed = parseCommand(spec, command!, argv.slice(i + 1));
    if (extras.length && parsed.kind === 'command') fail(`unrecognized arguments: ${extras.join(' ')}`);
    return parsed;
  }
  return fail('the following arguments are required: command');
}
