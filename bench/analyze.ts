// How long shape inference and validation take per node, on graphs of growing size.
// The editor re-runs them on every keystroke, so they must stay far below a millisecond per node.
import { analyzeGraph } from '../core/model/analyze';
import type { Graph } from '../core/model/graph';

function denseChain(length: number): Graph {
  const nodes = [{ id: 'in', type: 'Input', params: { shape: [64] } as Record<string, unknown> }];
  for (let i = 0; i < length - 1; i++) nodes.push({ id: `d${i}`, type: 'Dense', params: { units: 64, activation: 'relu' } });
  return { nodes, edges: nodes.slice(1).map((n, i) => ({ source: nodes[i].id, target: n.id })) };
}

function cnnWithBranches(blocks: number): Graph {
  const nodes: Graph['nodes'] = [{ id: 'in', type: 'Input', params: { shape: [32, 32, 8] } }];
  const edges: Graph['edges'] = [];
  let last = 'in';
  for (let i = 0; nodes.length < blocks - 3; i++) {
    nodes.push({ id: `a${i}`, type: 'Conv2D', params: { filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' } });
    nodes.push({ id: `b${i}`, type: 'Conv2D', params: { filters: 8, kernelSize: 3, padding: 'same' } });
    nodes.push({ id: `s${i}`, type: 'Add', params: {} });
    edges.push(
      { source: last, target: `a${i}` },
      { source: `a${i}`, target: `b${i}` },
      { source: last, target: `s${i}` },
      { source: `b${i}`, target: `s${i}` },
    );
    last = `s${i}`;
  }
  nodes.push(
    { id: 'gap', type: 'GlobalAveragePooling2D', params: {} },
    { id: 'out', type: 'Dense', params: { units: 10, activation: 'softmax' } },
  );
  edges.push({ source: last, target: 'gap' }, { source: 'gap', target: 'out' });
  return { nodes, edges };
}

function measure(name: string, graph: Graph): void {
  for (let i = 0; i < 5; i++) analyzeGraph(graph);
  let runs = 0;
  const start = performance.now();
  while (performance.now() - start < 500) {
    analyzeGraph(graph, { loss: 'categoricalCrossentropy' });
    runs++;
  }
  const perRun = (performance.now() - start) / runs;
  console.log(
    `${name.padEnd(28)} ${String(graph.nodes.length).padStart(5)} nodes  ${perRun.toFixed(3).padStart(8)} ms/run  ${((perRun * 1000) / graph.nodes.length).toFixed(2).padStart(7)} µs/node`,
  );
}

console.log('Graph analysis (shape inference + validation)');
for (const size of [10, 100, 1000]) measure('Dense chain', denseChain(size));
for (const size of [12, 102, 1002]) measure('residual CNN', cnnWithBranches(size));
