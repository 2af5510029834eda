import { describe, expect, it } from 'vitest';
import { createEditorStore, emptyProject } from './editor-store';

/** Input → Flatten → Dense, each added after the previous one. */
function chain() {
  const store = createEditorStore(emptyProject('Wiring'));
  const s = () => store.getState();
  const input = s().addBlock('Input');
  const flatten = s().addBlock('Flatten', { connectFrom: input });
  const dense = s().addBlock('Dense', { connectFrom: flatten });
  return { store, s, input, flatten, dense };
}

const links = (store: ReturnType<typeof createEditorStore>) =>
  store
    .getState()
    .edges.map((e) => `${e.source}>${e.target}`)
    .sort();

describe('wiring in the editor store', () => {
  it('a block inserted on a connection sits between its ends, and one undo takes it all back', () => {
    const { store, s, flatten, dense } = chain();
    const { id, refusal } = s().insertOnEdge('Dropout', { x: 0, y: 200 }, flatten, dense);
    expect(refusal).toBeUndefined();
    expect(links(store)).toEqual(['dropout_1>dense_1', 'flatten_1>dropout_1', 'input_1>flatten_1']);
    expect(s().analysis.nodes[id].outputShape).toEqual([784]);
    s().undo();
    expect(links(store)).toEqual(['flatten_1>dense_1', 'input_1>flatten_1']);
    expect(s().nodes.map((n) => n.id)).not.toContain(id);
  });

  it('a block that cannot take an input (Input) is added beside the connection, which stays, with the reason', () => {
    const { store, s, flatten, dense } = chain();
    const { id, refusal } = s().insertOnEdge('Input', { x: 0, y: 200 }, flatten, dense);
    expect(refusal?.key).toBe('ui-editor:connect.intoInput');
    expect(s().nodes.map((n) => n.id)).toContain(id);
    expect(links(store)).toEqual(['flatten_1>dense_1', 'input_1>flatten_1']);
  });

  it('rewiring moves one end of a connection as one undo step, and refuses a loop', () => {
    const { store, s, input, flatten, dense } = chain();
    const other = s().addBlock('Dense');
    expect(s().reconnect(flatten, dense, flatten, other)).toBeUndefined();
    expect(links(store)).toEqual(['flatten_1>dense_2', 'input_1>flatten_1']);
    s().undo();
    expect(links(store)).toEqual(['flatten_1>dense_1', 'input_1>flatten_1']);
    expect(s().reconnect(input, flatten, dense, flatten)?.key).toBe('ui-editor:connect.cycle');
    expect(links(store)).toEqual(['flatten_1>dense_1', 'input_1>flatten_1']);
  });

  it('deleting a block names the neighbour to focus next: the block before it, else after it', () => {
    const { s, input, flatten, dense } = chain();
    s().select([dense]);
    expect(s().deleteSelection()).toBe(flatten);
    s().select([input]);
    expect(s().deleteSelection()).toBe(flatten);
    s().select([flatten]);
    expect(s().deleteSelection()).toBeUndefined();
  });
});
