/** Exit codes of every command (DESIGN.md "Exit codes"). */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Where in a file a problem is; both parts optional because some problems are about a whole file. */
export interface Place {
  file?: string;
  line?: number;
}

/**
 * An expected failure that ends a command: a stable code, a message that says what was
 * expected, where it happened, and the exit code the CLI maps it to.
 */
export class RevauditError extends Error {
  readonly code: string;
  readonly exitCode: ExitCode;
  readonly place: Place;

  constructor(code: string, message: string, place: Place = {}, exitCode: ExitCode = EXIT.usage) {
    super(message);
    this.name = 'RevauditError';
    this.code = code;
    this.place = place;
    this.exitCode = exitCode;
  }

  /** `file:line: message (code)`, the form every CLI error is printed in. */
  render(): string {
    const where = this.place.file
      ? `${this.place.file}${this.place.line !== undefined ? `:${this.place.line}` : ''}: `
      : '';
    return `${where}${this.message} [${this.code}]`;
  }
}
