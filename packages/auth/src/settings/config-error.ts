/**
 * A configuration problem found at start-up. The message names the variable, says what is wrong and how
 * to fix it; entry files print it and exit with status 1 instead of a stack trace, and the SPA shows it on
 * the page. Pure (no Node imports), so the browser uses the same class.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly variable: string;
  readonly problem: string;
  readonly fix: string;
  constructor(variable: string, problem: string, fix: string) {
    super(`${variable} ${problem}. ${fix}`);
    this.variable = variable;
    this.problem = problem;
    this.fix = fix;
  }
}

/** The value as set: trimmed, or undefined when unset or empty (an empty line in .env means "the default"). */
export function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/** An absolute http(s) URL, or a ConfigError naming the variable. */
export function requireUrl(variable: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(
      variable,
      `is not a valid URL ("${value}")`,
      'Use an absolute URL such as http://localhost:4000/.',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(
      variable,
      `must use http or https ("${value}")`,
      'Use an absolute URL such as http://localhost:4000/.',
    );
  }
  return url;
}

/** A TCP port from 0 to 65535 (0 asks the OS for a free one), or the fallback when unset or empty. */
export function optionalPort(variable: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(
      variable,
      `must be a port number from 0 to 65535 ("${value}")`,
      `Unset it to use ${fallback}.`,
    );
  }
  return port;
}
