// What the augmentation preview depends on, and how its requests are paced: parameter edits are
// debounced, and an answer that arrives after a newer request was sent is dropped.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { isAugmentationBlock } from '../../../../core/model/augmentation-chain';
import type { EditorState } from '../../store/editor-store';

/** Wait after the last parameter edit before asking for a new preview. */
export const PREVIEW_DEBOUNCE_MS = 300;

/**
 * Everything the preview's images depend on, as text: the Input and augmentation blocks with
 * their parameters, the connections, the data set and where the project lives. Moving a block or
 * editing a Dense layer leaves it unchanged, so that no new preview is asked for.
 */
export function previewDependencies(state: Pick<EditorState, 'nodes' | 'edges' | 'project' | 'location'>): string {
  const blocks = state.nodes
    .filter((n) => n.data.blockType === 'Input' || isAugmentationBlock(n.data.blockType))
    .map((n) => [n.id, n.data.blockType, n.data.params]);
  const edges = state.edges.map((e) => [e.source, e.target]);
  return JSON.stringify([blocks, edges, state.project.dataset ?? null, Boolean(state.project.training?.normalize), state.location ?? null]);
}

/** A short fingerprint of the images shown, so that a change can be seen (and tested) without reading pixels. */
export function imagesDigest(images: readonly (readonly number[])[]): string {
  let hash = 0x811c9dc5;
  for (const image of images) {
    for (const value of image) hash = Math.imul(hash ^ Math.round(value * 1000), 0x01000193) >>> 0;
    hash = Math.imul(hash ^ image.length, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Sends one request at a time to the host after a delay; a request scheduled while another waits
 * replaces it, and the outcome of any request but the latest is ignored.
 */
export class LatestRequest<T> {
  private latest = 0;
  private timer?: ReturnType<typeof setTimeout>;
  private closed = false;

  constructor(
    private readonly deliver: (outcome: Outcome<T>) => void,
    private readonly busy: (busy: boolean) => void = () => undefined,
  ) {}

  schedule(send: () => Promise<T>, delayMs: number): void {
    if (this.closed) return;
    const id = ++this.latest;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.busy(true);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      send().then(
        (value) => this.settle(id, { ok: true, value }),
        (error: unknown) => this.settle(id, { ok: false, error }),
      );
    }, delayMs);
  }

  /** Nothing is delivered after this (the view went away). */
  close(): void {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
  }

  private settle(id: number, outcome: Outcome<T>): void {
    if (this.closed || id !== this.latest) return;
    this.busy(false);
    this.deliver(outcome);
  }
}

/** The image and draws being looked at, per data set, shared by every preview (the inspector's and the enlarged one) and kept when another block is selected. */
export interface PreviewChoice {
  seed: number;
  sampleIndex: number;
}

const FIRST_CHOICE: PreviewChoice = { seed: 1, sampleIndex: 0 };

export const previewChoices = createStore<{
  byDataset: Record<string, PreviewChoice>;
  choose(dataset: string, change: Partial<PreviewChoice>): void;
}>()((set, get) => ({
  byDataset: {},
  choose(dataset, change) {
    set({ byDataset: { ...get().byDataset, [dataset]: { ...(get().byDataset[dataset] ?? FIRST_CHOICE), ...change } } });
  },
}));

/** The data set a choice belongs to: another data set starts again from its first image. */
export function datasetKey(state: Pick<EditorState, 'project' | 'location'>): string {
  return JSON.stringify([state.project.dataset ?? null, state.project.dataset?.kind === 'imageFolder' ? (state.location ?? null) : null]);
}

export function usePreviewChoice(dataset: string): PreviewChoice {
  return useStore(previewChoices, (s) => s.byDataset[dataset] ?? FIRST_CHOICE);
}
