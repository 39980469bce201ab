import { pino, type Logger as Pino } from 'pino';

/**
 * Structured JSON logs. Callers pass event names, ids and error codes only:
 * never names, reassurance text, codes, tokens or credentials.
 */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  /** A logger whose every line also carries these fields (a couple's id). */
  child(fields: LogFields): Logger;
}

/**
 * The fields that would carry what a person wrote, their name, or a secret. Should a caller ever pass
 * one, pino censors it by configuration: "never log payloads" does not rest on every call site alone.
 * (`code` is not here: it is how refusals are logged, and a pairing code is never passed.)
 */
export const REDACTED_FIELDS = [
  'payload',
  'text',
  'regret',
  'sorry',
  'willDo',
  'wouldLike',
  'adjustment',
  'reassurance',
  'signal',
  'name',
  'token',
  'credential',
  'secret',
  'endpoint',
  'keys',
];

/**
 * Standard output, one write per turn of the event loop: a burst of a thousand pauses costs one
 * system call instead of a thousand (stdout to a pipe or file is synchronous in Node). Whatever is
 * buffered goes out at exit too; a SIGKILL can lose only the current turn's lines.
 */
function bufferedStdout(): (line: string) => void {
  let buffered = '';
  const flush = () => {
    if (!buffered) return;
    const out = buffered;
    buffered = '';
    process.stdout.write(out);
  };
  process.once('exit', flush);
  return (line) => {
    if (!buffered) setImmediate(flush);
    buffered += line + '\n';
  };
}

function wrap(p: Pino): Logger {
  return {
    info: (event, fields = {}) => p.info(fields, event),
    warn: (event, fields = {}) => p.warn(fields, event),
    error: (event, fields = {}) => p.error(fields, event),
    child: (fields) => wrap(p.child(fields)),
  };
}

/** One JSON object a line: `level` by name, `t` as an ISO time, the fields, and the event as `msg`. */
export function jsonLogger(write: (line: string) => void = bufferedStdout(), level: LogLevel = 'info'): Logger {
  const lines = { write: (chunk: string) => write(chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk) };
  return wrap(
    pino(
      {
        level,
        // No pid or host name: one line is one event, readable as it is in `npm start`'s output.
        base: null,
        timestamp: () => `,"t":"${new Date().toISOString()}"`,
        formatters: { level: (label) => ({ level: label }) },
        redact: { paths: REDACTED_FIELDS, censor: '[redacted]' },
      },
      lines,
    ),
  );
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {}, child: () => silentLogger };
