import type { Problem } from '../../i18n/catalogue';
import type { Graph } from '../graph';
import { kerasModelCode } from './keras';
import { ExportError } from './plan';
import { pytorchModule } from './pytorch';

export type CodeLanguage = 'keras' | 'pytorch';

/** The code, or why it cannot be written: a problem of the catalogue, with the block at fault. */
export type CodeResult = { ok: true; code: string } | { ok: false; message: Problem; nodeId?: string };

/**
 * The Keras or PyTorch code of a graph, for a code view that updates on every edit: never throws
 * for a graph being edited, it says what to fix instead.
 */
export function graphCode(graph: Graph, language: CodeLanguage, options: { name?: string } = {}): CodeResult {
  try {
    const code = language === 'keras' ? kerasModelCode(graph, options) : pytorchModule(graph, options).code;
    return { ok: true, code };
  } catch (error) {
    if (!(error instanceof ExportError)) throw error;
    return { ok: false, message: error.problem, ...(error.nodeId ? { nodeId: error.nodeId } : {}) };
  }
}
