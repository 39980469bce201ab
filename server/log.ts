/**
 * Structured JSON logs. Callers pass event names, ids and error codes only:
 * never names, reassurance text, codes, tokens or credentials.
 */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

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

export function jsonLogger(write: (line: string) => void = bufferedStdout()): Logger {
  const emit =
    (level: string) =>
    (event: string, fields: LogFields = {}) =>
      write(JSON.stringify({ ...fields, t: new Date().toISOString(), level, msg: event }));
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
