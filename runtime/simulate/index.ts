export { simulate } from './simulate.js';
export { parseAddress } from './flow-side.js';
export { DIAL_TIMEOUT_STATUS } from './peer-message.js';
export { LEAN_AFTER, LEAN_BEFORE, LEAN_WHOLE_STEPS } from './lean-steps.js';
export type { FlowSideAddress, SimulateOptions } from './simulate-options.js';
export type * from './simulation-result.js';
