export type * from './values.js';
export type * from './effects.js';
export type * from './machine.js';
