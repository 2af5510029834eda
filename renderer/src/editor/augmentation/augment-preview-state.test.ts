import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import augmentedJson from '../../../../projects/augmented-cnn.json';
import { parseProject } from '../../../../core/model/project-io';
import { createEditorStore } from '../../store/editor-store';
import {
  datasetKey,
  imagesDigest,
  LatestRequest,
  previewChoices,
  previewDependencies,
  PREVIEW_DEBOUNCE_MS,
  type Outcome,
} from './augment-preview-state';

describe('what the augmentation preview depends on', () => {
  const store = () => createEditorStore(parseProject(structuredClone(augmentedJson)));

  it('changes with an augmentation parameter, a connection or the data set, not with a move or a Dense layer', () => {
    const s = store();
    const before = previewDependencies(s.getState());
    s.getState().setParam('dense1', 'units', 32);
    s.getState().applyPositions({ flip: { x: 999, y: 5 } });
    expect(previewDependencies(s.getState())).toBe(before);

    s.getState().setParam('flip', 'mode', 'vertical');
    const flipped = previewDependencies(s.getState());
    expect(flipped).not.toBe(before);
    s.getState().disconnect('rotate', 'zoom');
    expect(previewDependencies(s.getState())).not.toBe(flipped);
    expect(previewDependencies({ ...s.getState(), location: '/somewhere/else.nbproj' })).not.toBe(previewDependencies(s.getState()));
  });
});

describe('the image and draws being looked at', () => {
  it('are kept per data set: another data set, or another MNIST size, starts from its first image', () => {
    const s = createEditorStore(parseProject(structuredClone(augmentedJson)));
    const mnist = datasetKey(s.getState());
    previewChoices.getState().choose(mnist, { sampleIndex: 42 });
    previewChoices.getState().choose(mnist, { seed: 3 });
    expect(previewChoices.getState().byDataset[mnist]).toEqual({ seed: 3, sampleIndex: 42 });
    const smaller = datasetKey({
      ...s.getState(),
      project: { ...s.getState().project, dataset: { kind: 'builtin', name: 'mnist', size: 100 } },
    });
    expect(smaller).not.toBe(mnist);
    expect(previewChoices.getState().byDataset[smaller]).toBeUndefined();
    // A relative image folder depends on where the project is saved; MNIST does not.
    expect(datasetKey({ ...s.getState(), location: '/elsewhere.nbproj' })).toBe(mnist);
    const folder = { ...s.getState().project, dataset: { kind: 'imageFolder' as const, path: 'signs' } };
    expect(datasetKey({ project: folder, location: '/a/p.nbproj' })).not.toBe(datasetKey({ project: folder, location: '/b/p.nbproj' }));
  });
});

describe('the images digest', () => {
  it('is the same for the same images and differs when one value changes', () => {
    const images = [
      [0, 0.5, 1],
      [0.25, 0.75, 0],
    ];
    expect(imagesDigest(images)).toBe(imagesDigest(structuredClone(images)));
    expect(
      imagesDigest([
        [0, 0.5, 1],
        [0.25, 0.75, 0.001],
      ]),
    ).not.toBe(imagesDigest(images));
    expect(imagesDigest([images[1], images[0]])).not.toBe(imagesDigest(images));
  });
});

describe('pacing the preview requests', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends one request for a burst of edits, after the pause', async () => {
    const delivered: Outcome<string>[] = [];
    const requests = new LatestRequest<string>((o) => delivered.push(o));
    const send = vi.fn(async () => 'grid');
    for (let i = 0; i < 5; i++) {
      requests.schedule(send, PREVIEW_DEBOUNCE_MS);
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(send).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(PREVIEW_DEBOUNCE_MS);
    expect(send).toHaveBeenCalledTimes(1);
    expect(delivered).toEqual([{ ok: true, value: 'grid' }]);
  });

  it('drops an answer that arrives after a newer request was sent, and its failure too', async () => {
    const delivered: Outcome<string>[] = [];
    const busy: boolean[] = [];
    const requests = new LatestRequest<string>(
      (o) => delivered.push(o),
      (b) => busy.push(b),
    );
    let answerSlow!: (value: string) => void;
    let failSlow!: (error: Error) => void;
    requests.schedule(() => new Promise<string>((resolve) => (answerSlow = resolve)), 0);
    await vi.advanceTimersByTimeAsync(0);
    requests.schedule(() => new Promise<string>((_, reject) => (failSlow = reject)), 0);
    await vi.advanceTimersByTimeAsync(0);
    requests.schedule(async () => 'newest', 0);
    await vi.advanceTimersByTimeAsync(0);
    answerSlow('stale');
    failSlow(new Error('stale failure'));
    await vi.advanceTimersByTimeAsync(0);
    expect(delivered).toEqual([{ ok: true, value: 'newest' }]);
    expect(busy.at(-1)).toBe(false);
  });

  it('delivers nothing once closed', async () => {
    const delivered: Outcome<string>[] = [];
    const requests = new LatestRequest<string>((o) => delivered.push(o));
    const send = vi.fn(async () => 'late');
    requests.schedule(send, 50);
    requests.close();
    await vi.advanceTimersByTimeAsync(100);
    expect(send).not.toHaveBeenCalled();
    expect(delivered).toEqual([]);
  });
});
