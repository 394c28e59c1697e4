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
}

const ignore = (): void => undefined;

export const SILENT_LOG: AdapterLog = { debug: ignore, info: ignore, warn: ignore, error: ignore };
