/** A log sink for tests: keeps each line parsed, and the raw text to search for leaks. */
export class LogCollector {
  readonly lines: string[] = [];

  readonly sink = (line: string): void => {
    this.lines.push(line);
  };

  get entries(): Record<string, unknown>[] {
    return this.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}
