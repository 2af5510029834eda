import { graphCode, type CodeLanguage, type CodeResult } from '../../../core/model/codegen/code-view';
import { kerasLayerName } from '../../../core/model/codegen/keras-layers';
import type { Graph } from '../../../core/model/graph';

/** The graph without its layout: moving a block never changes the code. */
export function codeKey(graph: Graph): string {
  return JSON.stringify({ nodes: graph.nodes.map(({ id, type, params }) => ({ id, type, params })), edges: graph.edges });
}

/** graphCode remembering its last answers, so that dragging or selecting blocks does not regenerate the code. */
export function createCodeCache(
  generate: typeof graphCode = graphCode,
): (graph: Graph, language: CodeLanguage, name?: string) => CodeResult {
  const last = new Map<CodeLanguage, { key: string; result: CodeResult }>();
  return (graph, language, name) => {
    const key = `${name ?? ''}\n${codeKey(graph)}`;
    const cached = last.get(language);
    if (cached?.key === key) return cached.result;
    const result = generate(graph, language, name === undefined ? {} : { name });
    last.set(language, { key, result });
    return result;
  };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The Python identifier the generated PyTorch code most likely gives a block (the code generator's rule, before any clash is resolved). */
function pythonIdentifier(id: string): string {
  const base =
    id
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9_]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'layer';
  return /^\d/.test(base) ? `layer_${base}` : base;
}

/**
 * The indices of the lines that belong to a block: in Keras the layer named after it
 * (`name="conv1"`), in PyTorch its attribute (`self.conv1`) and the variable holding its output.
 */
export function blockLines(code: string, language: CodeLanguage, nodeId: string): Set<number> {
  const lines = code.split('\n');
  let pattern: RegExp;
  if (language === 'keras') {
    pattern = new RegExp(`name="${escapeRegExp(kerasLayerName(nodeId))}"`);
  } else {
    const name = escapeRegExp(pythonIdentifier(nodeId));
    pattern = new RegExp(`self\\.${name}\\b|^\\s*${name} = `);
  }
  const found = new Set<number>();
  lines.forEach((line, i) => {
    if (pattern.test(line)) found.add(i);
  });
  return found;
}
