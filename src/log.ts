/**
 * The one logger: structured JSON lines, one object per event. Callers pass ids and counts
 * only; fields named like personal data are dropped here as a last line of defence.
 */
type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const PII_FIELDS = /^(email|full_?name|name|phone|to_?address|address|lat|lng|body|html|text)$/i;

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

export function createLogger(level: Level = "info", base: LogFields = {}): Logger {
  const emit = (at: Level, event: string, fields: LogFields = {}) => {
    if (order[at] < order[level]) return;
    const line: Record<string, unknown> = { level: at, event, ...base };
    for (const [k, v] of Object.entries(fields)) if (v !== undefined && !PII_FIELDS.test(k)) line[k] = v;
    const out = JSON.stringify(line);
    if (at === "error") console.error(out);
    else if (at === "warn") console.warn(out);
    else console.log(out);
  };
  return {
    debug: (e, f) => emit("debug", e, f),
    info: (e, f) => emit("info", e, f),
    warn: (e, f) => emit("warn", e, f),
    error: (e, f) => emit("error", e, f),
    child: (fields) => createLogger(level, { ...base, ...fields }),
  };
}
