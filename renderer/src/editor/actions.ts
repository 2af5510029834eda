import i18next from 'i18next';
import type { Refusal } from '../store/connection-rules';
import type { LayoutDirection } from '../store/editor-store';
import { editorStore, uiStore } from '../store/index';
import { layoutPositions } from './layout';

/** Adds a block; when exactly one block is selected, the new one goes after it and is connected to it. */
export function addBlockNearSelection(type: string, position?: { x: number; y: number }): string {
  const state = editorStore.getState();
  const selected = state.nodes.filter((n) => n.selected);
  const connectFrom = !position && selected.length === 1 ? selected[0].id : undefined;
  const fallback = !position && !connectFrom ? nextFreeSpot() : undefined;
  const id = state.addBlock(type, { position: position ?? fallback, connectFrom });
  uiStore.getState().showToast(i18next.t(connectFrom ? 'toast.addedAfter' : 'toast.added', { block: type, id, after: connectFrom }));
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

/** Lays the graph out (one undo step), then calls `then` once React Flow has drawn the new positions (to fit the view). */
export async function autoLayout(direction: LayoutDirection = editorStore.getState().direction, then?: () => void): Promise<void> {
  const { nodes, edges } = editorStore.getState();
  if (!nodes.length) return;
  const positions = await layoutPositions(nodes, edges, direction);
  editorStore.getState().applyPositions(positions, direction);
  if (then) requestAnimationFrame(() => requestAnimationFrame(then));
}

export function copySelection(): void {
  const n = editorStore.getState().copySelection();
  if (n) uiStore.getState().showToast(i18next.t('toast.copied', { count: n }));
}
