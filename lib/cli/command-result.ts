/** What a command prints and how it exits; commands return this so tests need no process. */
export interface CommandResult {
  readonly stdout: string;
  readonly stderr?: string;
  readonly exitCode: number;
}

export interface OutputOptions {
  /** print JSON instead of text */
  readonly json?: boolean;
  /** colour the text output (default: stdout is a TTY and NO_COLOR is unset) */
  readonly color?: boolean;
}
