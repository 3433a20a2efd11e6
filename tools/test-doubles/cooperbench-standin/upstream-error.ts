/**
 * An exception upstream would not catch: Python prints a traceback ending in `<Type>: <message>` and
 * exits 1. The stand-in prints the same last line (callers that grep tracebacks look there) under a
 * note that there are no real Python frames.
 */
export class UpstreamError extends Error {
  constructor(
    readonly pythonType: 'ValueError' | 'FileNotFoundError' | 'JSONDecodeError' | 'NotImplementedError',
    message: string,
  ) {
    super(message);
    this.name = 'UpstreamError';
  }

  render(): string {
    return `Traceback (most recent call last):\n  File "<cooperbench synthetic stand-in>", in main\n${this.pythonType}: ${this.message}\n`;
  }
}
