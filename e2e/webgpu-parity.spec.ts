import { expect, test } from './fixtures';
import { webgpuLaunch } from './chromium';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chainProject, shortTraining } from '../core/model/project-fixtures';
import { parseProject } from '../core/model/project-io';
import type { Project } from '../core/model/project';
import { ProjectStore } from '../core/store/project-store';
import { TrainingControl } from '../core/train/control';
import { runTraining } from '../core/train/run';
import { projectsFolder, relativeDifference, url, writeDigits } from './helpers';

// Same results on the page's WebGPU as on the host's WASM engine: with the same initial weights
// (the project's seed), the same sample order and no dropout, one epoch trained from the UI on
// SwiftShader's WebGPU ends with weights within 1e-3 (relative) of the WASM engine's, for the
// course CNN, a residual CNN and a BatchNormalization CNN.
test.use({
  viewport: { width: 1280, height: 720 },
  launchOptions: webgpuLaunch,
});

const root = path.resolve(import.meta.dirname, '..');
const training = shortTraining({ batchSize: 16, seed: 11 });

function fromExample(file: string, name: string): Project {
  const json = JSON.parse(readFileSync(path.join(root, 'projects', file), 'utf8'));
  // No dropout: its random masks are drawn differently by each backend.
  for (const node of json.graph.nodes) if (node.type === 'Dropout') node.params.rate = 0;
  return parseProject({ ...json, name, dataset: { kind: 'idx', path: 'parity-digits' }, training });
}

const batchNormCnn = (): Project =>
  parseProject(
    chainProject(
      'BatchNorm CNN',
      [
        { id: 'input', type: 'Input', params: { shape: [28, 28, 1] } },
        // No bias before BatchNormalization (Keras's advice): its gradient is zero in theory, so it holds only rounding noise.
        { id: 'conv', type: 'Conv2D', params: { filters: 8, kernelSize: 3, useBias: false } },
        { id: 'bn', type: 'BatchNormalization', params: {} },
        { id: 'relu', type: 'Activation', params: { activation: 'relu' } },
        { id: 'pool', type: 'MaxPooling2D', params: { poolSize: 2 } },
        { id: 'flat', type: 'Flatten', params: {} },
        { id: 'out', type: 'Dense', params: { units: 10, activation: 'softmax' } },
      ],
      { kind: 'idx', path: 'parity-digits' },
      training,
    ),
  );

const cases: [string, () => Project][] = [
  ['parity-course-cnn', () => fromExample('mnist-cnn.json', 'Course CNN')],
  ['parity-residual-cnn', () => fromExample('residual-cnn.json', 'Residual CNN')],
  ['parity-batchnorm-cnn', batchNormCnn],
];

for (const [file, make] of cases) {
  test(`${file}: one epoch on WebGPU ends within 1e-3 of the WASM engine`, async ({ page }) => {
    test.setTimeout(300_000);
    const projects = projectsFolder();
    writeDigits(path.join(projects, 'parity-digits'), 160);
    const project = make();
    const location = path.join(projects, `${file}.nbproj`);
    ProjectStore.create(location, project).close();

    await page.goto(url());
    await page.getByTestId(`file-${file}.nbproj`).click();
    const dock = page.getByRole('complementary', { name: 'Training and evaluation' });
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await dock.getByLabel('Engine').selectOption('page');
    await dock.getByRole('button', { name: 'Start training' }).click();
    await expect(dock.getByTestId('train-status')).toHaveText('Finished', { timeout: 240_000 });
    await expect(dock.getByTestId('train-backend')).toContainText('Computes on: webgpu — WebGPU · ');

    const store = ProjectStore.open(location, { readOnly: true });
    const [run] = store.listRuns();
    const gpu = store.loadCheckpoint(run.id, 'last').weights;
    const gpuMetrics = store.getRun(run.id).epochMetrics;
    store.close();
    expect(run).toMatchObject({ status: 'completed', backend: 'webgpu' });

    const host = await runTraining({ project, options: { backend: 'wasm', baseDir: projects } }, () => undefined, new TrainingControl());
    expect(host.state).toBe('completed');
    const wasm = host.weights!;
    // The metrics too: what the UI shows and the project records.
    for (const key of ['loss', 'accuracy', 'valLoss', 'valAccuracy'] as const) {
      const [g, w] = [gpuMetrics[0][key]!, host.history[0][key]!];
      expect(Math.abs(g - w) / Math.max(Math.abs(w), 1e-12), `epoch 1 ${key}: ${g} on WebGPU, ${w} on WASM`).toBeLessThan(1e-3);
    }
    expect(gpu.map((w) => w.shape)).toEqual(wasm.map((w) => w.shape));
    const differences = gpu.map((w, i) => ({
      weight: w.name,
      relative: relativeDifference(w.data as Float32Array, new Float32Array(wasm[i].data)),
    }));
    console.log(`${file}: ${differences.map((d) => `${d.weight} ${d.relative.toExponential(2)}`).join(', ')}`);
    for (const d of differences)
      expect(d.relative, `${d.weight} differs from the WASM engine's by ${d.relative.toExponential(2)} (relative)`).toBeLessThan(1e-3);
  });
}
