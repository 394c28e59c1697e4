/** The public compiler API: compile `.flow` sources to machines, load them, and the IR for tools. */
export { compile, compileToModels } from './compile.js';
export type { CompileOptions, CompileResult, CompiledModel, GeneratedFile, GeneratedKind, ModelsResult } from './compile.js';
export { loadMachines, isFlowMachine } from './load.js';
export { check } from './check.js';
export { lowerFlow } from './lower/lowerFlow.js';
export type { LowerResult } from './lower/lowerFlow.js';
export type * from './model.js';
