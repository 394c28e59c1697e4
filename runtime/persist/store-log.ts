/**
 * What the stores log through: the pino call shape `(fields, message)`, as
 * the adapters' AdapterLog, so `flowc run`'s logger fits as it is.
 */
export interface StoreLog {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}
