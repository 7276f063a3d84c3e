import { StringDecoder } from 'node:string_decoder';

/**
 * Splits a byte stream of newline-delimited JSON into complete lines, whatever the chunk
 * boundaries: a line cut in two (even inside a multi-byte UTF-8 character) is held until its
 * newline arrives. Empty lines and `\r` are dropped.
 */
export class NdjsonLineSplitter {
  readonly #decoder = new StringDecoder('utf8');
  #pending = '';

  /** Feeds one chunk; returns the lines it completed. */
  push(chunk: Buffer | string): string[] {
    this.#pending += typeof chunk === 'string' ? chunk : this.#decoder.write(chunk);
    const parts = this.#pending.split('\n');
    this.#pending = parts.pop() ?? '';
    return clean(parts);
  }

  /** Ends the stream; returns the last line if it had no trailing newline. */
  flush(): string[] {
    const rest = this.#pending + this.#decoder.end();
    this.#pending = '';
    return clean([rest]);
  }
}

function clean(lines: string[]): string[] {
  return lines.map((line) => line.replace(/\r$/, '')).filter((line) => line.trim() !== '');
}
