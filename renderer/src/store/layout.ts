import type { ELK as ElkInstance } from 'elkjs/lib/elk-api';
import type { LayoutDirection } from './editor-store';
import type { BlockFlowNode, ShapeFlowEdge } from './flow-graph';

let elk: Promise<ElkInstance> | undefined;
// ELK is large: it is loaded the first time a layout is asked for, not with the page.
const loadElk = () => (elk ??= import('elkjs/lib/elk.bundled.js').then(({ default: ELK }) => new ELK()));
const DEFAULT_SIZE = { width: 254, height: 100 };

/**
 * Layered positions (Sugiyama style, as in ELK's `layered` algorithm), top-to-bottom or left-to-right.
 * With `wrapTo` (a width / height ratio), a long chain is cut into columns (top-to-bottom) or rows
 * (left-to-right) that together take about that shape, as ELK's graph wrapping does, so that a long
 * network fits a wide screen at a readable size.
 */
export async function layoutPositions(
  nodes: readonly BlockFlowNode[],
  edges: readonly ShapeFlowEdge[],
  direction: LayoutDirection,
  wrapTo?: number,
): Promise<Record<string, { x: number; y: number }>> {
  const wrapping: Record<string, string> = wrapTo
    ? {
        'elk.layered.wrapping.strategy': 'MULTI_EDGE',
        'elk.aspectRatio': String(wrapTo),
        'elk.layered.wrapping.additionalEdgeSpacing': '24',
      }
    : {};
  const result = await (
    await loadElk()
  ).layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': direction === 'TB' ? 'DOWN' : 'RIGHT',
      'elk.spacing.nodeNode': '48',
      // Room between layers for the shape label of each connection.
      'elk.layered.spacing.nodeNodeBetweenLayers': direction === 'TB' ? '64' : '110',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      ...wrapping,
    },
    children: nodes.map((n) => ({
      id: n.id,
      width: n.measured?.width ?? DEFAULT_SIZE.width,
      height: n.measured?.height ?? DEFAULT_SIZE.height,
    })),
    edges: edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  const positions: Record<string, { x: number; y: number }> = {};
  for (const child of result.children ?? []) positions[child.id] = { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) };
  return positions;
}
