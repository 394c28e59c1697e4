/**
 * What the adapters log through: the pino call shape `(fields, message)`,
 * so a pino logger (or a child carrying the call's fields) fits as it is and
 * tests pass a recorder.
 */
export interface AdapterLog {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
  /** pino's: whether a line at this level would be written, so a hot path builds its fields only then. */
  isLevelEnabled?(level: string): boolean;
}

const ignore = (): void => undefined;

export const SILENT_LOG: AdapterLog = { debug: ignore, info: ignore, warn: ignore, error: ignore, isLevelEnabled: () => false };

/** Whether `log` writes lines at `level` (a log that cannot say is taken to write them). */
export function logs(log: AdapterLog, level: 'debug' | 'info'): boolean {
  return log.isLevelEnabled?.(level) ?? true;
}
