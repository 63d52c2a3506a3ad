/**
 * A configuration problem: names the variable, says what is wrong and how to fix it. The page shows it
 * instead of a blank screen, and `pnpm dev` prints it and stops before starting anything. The SPA keeps
 * its own copy of @organizer/env's class because that package also reads files, which a browser cannot.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    readonly variable: string,
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`${variable} ${problem}. ${fix}`);
  }
}
