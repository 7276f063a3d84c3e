/** One invalid environment variable: its name and what is wrong with it (never its value). */
export interface ConfigIssue {
  /** The variable's name, e.g. `NATS_URL`, or `(root)` for a problem with the whole environment. */
  readonly variable: string;
  /** What is wrong, e.g. `Invalid URL`. */
  readonly message: string;
}

/**
 * Thrown by {@link loadConfig} when the environment does not match the schema.
 *
 * The message names every bad variable so an operator can fix them all at once, e.g.
 * `invalid configuration: NATS_URL: Invalid URL; HTTP_PORT: expected a port number (0-65535)`.
 * Values are never included, because some of them are secrets.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  /** Every invalid variable, in schema order. */
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[], options?: { cause?: unknown }) {
    super(`invalid configuration: ${issues.map((i) => `${i.variable}: ${i.message}`).join('; ')}`, options);
    this.issues = issues;
  }
}
