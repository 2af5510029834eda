/**
 * Code generation from a graph: pure string building, browser-safe, so the editor can show the
 * Keras and PyTorch code of the current graph as it changes.
 */
export { kerasModelCode, kerasScript, kerasSections, type KerasSections } from './keras';
export { kerasNotebook } from './notebook';
export { pytorchModule, type PyTorchModule, type StateEntry, type WeightLayout } from './pytorch';
export { ExportError, planGraph, inferencePlan, type ModelPlan, type PlanNode } from './plan';
export { graphCode, type CodeLanguage, type CodeResult } from './code-view';
