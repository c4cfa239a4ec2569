import { readLogLevel } from '../env';
import { redact } from './redact';

type Level = 'info' | 'warn' | 'error';

export type LogSink = (line: string, level: Level) => void;

const rank = { info: 0, warn: 1, error: 2, silent: 3 } as const;
const threshold = rank[readLogLevel()];

const toStdout: LogSink = (line, level) => {
  if (rank[level] >= threshold) process.stdout.write(`${line}\n`);
};
let sink = toStdout;

/** Tests capture every line here; production writes JSON lines to stdout. */
export function setLogSink(next: LogSink): LogSink {
  const previous = sink;
  sink = next;
  return previous;
}

function write(level: Level, event: string, fields: Record<string, unknown>) {
  // A line below the level is not even built: redacting and serialising cost every request.
  if (sink === toStdout && rank[level] < threshold) return;
  const record = { time: new Date().toISOString(), level, event, ...(redact(fields) as object) };
  sink(JSON.stringify(record), level);
}

/**
 * The one structured logger of the server. Every field passes through `redact`, so tokens,
 * passwords, cookies and authorization headers never reach a log line.
 */
export const logger = {
  info: (event: string, fields: Record<string, unknown> = {}) => write('info', event, fields),
  warn: (event: string, fields: Record<string, unknown> = {}) => write('warn', event, fields),
  error: (event: string, fields: Record<string, unknown> = {}) => write('error', event, fields),
};
