import i18next from 'i18next';
import type { Refusal } from '../store/connection-rules';
import type { LayoutDirection } from '../store/editor-store';
import { editorStore, uiStore } from '../store/index';
import { layoutPositions } from '../store/layout';
import { panelsStore } from './panels';
import { PRESENTING_PX, READABLE_PX, readableZoom } from '../ui/view';

/** Adds a block; when exactly one block is selected, the new one goes after it and is connected to it. */
export function addBlockNearSelection(type: string, position?: { x: number; y: number }): string {
  const state = editorStore.getState();
  const selected = state.nodes.filter((n) => n.selected);
  const connectFrom = !position && selected.length === 1 ? selected[0].id : undefined;
  const fallback = !position && !connectFrom ? nextFreeSpot() : undefined;
  const id = state.addBlock(type, { position: position ?? fallback, connectFrom });
  uiStore
    .getState()
    .showToast(i18next.t(connectFrom ? 'ui-editor:toast.addedAfter' : 'ui-editor:toast.added', { block: type, id, after: connectFrom }));
  return id;
}

/** Below the lowest block, so that a block added by keyboard never lands on top of another. */
function nextFreeSpot(): { x: number; y: number } {
  const { nodes } = editorStore.getState();
  if (!nodes.length) return { x: 0, y: 0 };
  const lowest = nodes.reduce((a, b) => (b.position.y > a.position.y ? b : a));
  return { x: lowest.position.x, y: lowest.position.y + (lowest.measured?.height ?? 90) + 60 };
}

export function refusalText(refusal: Refusal): string {
  return i18next.t(refusal.key, refusal.values);
}

/** Connects two blocks, or says why not. */
export function connectBlocks(source: string, target: string): boolean {
  const refusal = editorStore.getState().connect(source, target);
  if (refusal) uiStore.getState().showToast(refusalText(refusal), 'error');
  return !refusal;
}

/** Adds a block on a connection, in its middle (source → new → target), or beside it with the reason when it cannot go there. */
export function insertBlockOnEdge(type: string, position: { x: number; y: number }, source: string, target: string): string {
  const { id, refusal } = editorStore.getState().insertOnEdge(type, position, source, target);
  if (refusal)
    uiStore
      .getState()
      .showToast(i18next.t('ui-editor:toast.notInserted', { block: type, id, source, target, reason: refusalText(refusal) }), 'error');
  else uiStore.getState().showToast(i18next.t('ui-editor:toast.inserted', { block: type, id, source, target }));
  return id;
}

/** Moves one end of a connection, or says why not. */
export function rewire(source: string, target: string, newSource: string, newTarget: string): boolean {
  const refusal = editorStore.getState().reconnect(source, target, newSource, newTarget);
  if (refusal) uiStore.getState().showToast(refusalText(refusal), 'error');
  return !refusal;
}

/** Keyboard focus on a block of the canvas (once React Flow has drawn it), or on the canvas when there is none. */
export function focusBlock(id: string | undefined): void {
  requestAnimationFrame(() => {
    const block = id ? document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`) : null;
    (block ?? document.querySelector<HTMLElement>('.editor .canvas'))?.focus();
  });
}

/** Deletes the selection; the block next to the deleted ones becomes selected and takes the keyboard focus, so that work goes on from there. */
export function deleteSelectionAndFocus(): void {
  const next = editorStore.getState().deleteSelection();
  if (next) editorStore.getState().select([next]);
  focusBlock(next);
}

/** The size of the positions' bounding box, with blocks of their measured size. */
function extent(positions: Record<string, { x: number; y: number }>): { width: number; height: number } {
  const { nodes } = editorStore.getState();
  const boxes = nodes.map((n) => ({
    ...(positions[n.id] ?? n.position),
    width: n.measured?.width ?? 250,
    height: n.measured?.height ?? 100,
  }));
  const left = Math.min(...boxes.map((b) => b.x));
  const top = Math.min(...boxes.map((b) => b.y));
  return { width: Math.max(...boxes.map((b) => b.x + b.width)) - left, height: Math.max(...boxes.map((b) => b.y + b.height)) - top };
}

/**
 * Lays the graph out (one undo step), then calls `then` once React Flow has drawn the new positions
 * (to fit the view). A graph too long to be read whole on the canvas is laid out in columns (or rows)
 * that fit the canvas's shape.
 */
export async function autoLayout(direction: LayoutDirection = editorStore.getState().direction, then?: () => void): Promise<void> {
  const { nodes, edges } = editorStore.getState();
  if (!nodes.length) return;
  let positions = await layoutPositions(nodes, edges, direction);
  const canvas = document.querySelector<HTMLElement>('.editor .canvas')?.getBoundingClientRect();
  if (canvas && canvas.width > 0 && canvas.height > 0) {
    const size = extent(positions);
    const zoom = readableZoom(undefined, panelsStore.getState().presenting ? PRESENTING_PX : READABLE_PX);
    if (size.width * zoom > canvas.width - 88 || size.height * zoom > canvas.height - 48)
      positions = await layoutPositions(nodes, edges, direction, canvas.width / canvas.height);
  }
  editorStore.getState().applyPositions(positions, direction);
  if (then) requestAnimationFrame(() => requestAnimationFrame(then));
}

export function copySelection(): void {
  const n = editorStore.getState().copySelection();
  if (n) uiStore.getState().showToast(i18next.t('ui-editor:toast.copied', { count: n }));
}
