/** Structured log fields: values are serialised by the logger, never interpolated into messages. */
export type LogFields = Readonly<Record<string, unknown>>;

/** The logger every library takes as an optional module; `apps/node` backs it with pino. */
export interface Logger {
  trace(msg: string, fields?: LogFields): void;
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line. */
  child(fields: LogFields): Logger;
}

const noop = (): void => {};

/** A logger that drops everything: the default of every library. */
export const noopLogger: Logger = {
  trace: noop,
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
  child: () => noopLogger,
};

/** Log levels in increasing severity. */
export const LogLevel = { trace: 10, debug: 20, info: 30, warn: 40, error: 50 } as const;
export type LogLevel = keyof typeof LogLevel;

/** A dependency-free JSON-lines logger (one object a line) for tools and tests. */
export function createJsonLogger(
  opts: { level?: LogLevel; write?: (line: string) => void; fields?: LogFields } = {},
): Logger {
  const min = LogLevel[opts.level ?? 'info'];
  const write = opts.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const base = opts.fields ?? {};
  const at =
    (level: LogLevel) =>
    (msg: string, fields?: LogFields): void => {
      if (LogLevel[level] < min) return;
      write(JSON.stringify({ level, time: new Date().toISOString(), msg, ...base, ...fields }, jsonReplacer));
    };
  return {
    trace: at('trace'),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (fields) => createJsonLogger({ ...opts, fields: { ...base, ...fields } }),
  };
}

function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  if (value instanceof Error) return { name: value.name, message: value.message };
  return value;
}
