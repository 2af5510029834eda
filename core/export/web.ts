import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, join, resolve } from 'node:path';
import { loadCsv } from '../data/csv';
import { FASHION_MNIST_CLASSES } from '../data/fashion-mnist';
import { listImageFolder } from '../data/image-folder';
import { toDigitImage } from '../model/digit-image';
import { fitImage, imageFitOf } from '../model/image-fit';
import type { Shape } from '../model/graph';
import type { Project } from '../model/project';
import { writeTfjs, type TfjsArtifacts } from './tfjs';

const require = createRequire(import.meta.url);

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** What the page shows of the project's data set: its class names, and a table's columns with the standardisation training gave them. */
export interface PageData {
  classNames?: string[];
  columns?: { name: string; mean: number; std: number }[];
}

/**
 * Reads what the page needs of an image folder or a CSV file (relative paths resolve against
 * `baseDir`, the project file's folder). Data that are not at hand leave the page numbering the
 * classes and the values, as for the other sets.
 */
export async function pageDataOf(project: Project, baseDir: string | undefined): Promise<PageData> {
  const ref = project.dataset;
  if (!ref || baseDir === undefined) return {};
  try {
    if (ref.kind === 'csv') {
      const table = await loadCsv(resolve(baseDir, ref.path), ref.labelColumn, basename(ref.path));
      return {
        classNames: table.classNames,
        ...(table.table ? { columns: table.table.columns.map(({ name, mean, std }) => ({ name, mean, std })) } : {}),
      };
    }
    if (ref.kind === 'imageFolder') return { classNames: (await listImageFolder(resolve(baseDir, ref.path))).classNames };
  } catch {
    return {};
  }
  return {};
}

/** Class names shown next to the probabilities: digits for MNIST, clothes for Fashion-MNIST, the data set's own names where known, numbers otherwise. */
function classLabels(project: Project, classes: number, data: PageData): string[] {
  if (data.classNames?.length === classes) return data.classNames;
  const ref = project.dataset;
  if (ref?.kind === 'builtin' && (ref.name === 'mnist' || ref.name === 'fashion-mnist')) {
    const names = ref.name === 'mnist' ? Array.from({ length: 10 }, (_, i) => String(i)) : [...FASHION_MNIST_CLASSES];
    // A filtered set (e.g. the digits 5 to 9) keeps its classes' names, in the filter's order.
    const kept = ref.classes ? ref.classes.map((c) => names[c]) : names;
    if (kept.length === classes) return kept;
  }
  return Array.from({ length: classes }, (_, i) => `class ${i}`);
}

/**
 * The page: draw (for one-channel images) or drop an image, or type numbers for a vector input,
 * and see the prediction. Pixels are scaled to 0–1, and an image is fitted to the Input's shape
 * (letter-boxed, centre-cropped or stretched, as the project's data set says) by the app's own
 * function, so the model gets the numbers it got in training for the same file.
 */
function pageHtml(project: Project, inputShape: Shape, labels: string[], data: PageData): string {
  const title = escapeHtml(project.name);
  const fit = imageFitOf(project.dataset);
  const size = inputShape.reduce((a, b) => a * b, 1);
  // A table's values are typed as written in the file, then standardised as training did.
  const columns = data.columns?.length === size ? data.columns : undefined;
  const config = JSON.stringify({ inputShape, labels, fit, ...(columns ? { columns } : {}) }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Neuroblocks demo</title>
<style>
  body { font: 16px/1.4 system-ui, sans-serif; margin: 2rem auto; max-width: 44rem; padding: 0 1rem; color: #1d2330; }
  h1 { font-size: 1.5rem; margin-bottom: .25rem; }
  .row { display: flex; gap: 2rem; flex-wrap: wrap; align-items: flex-start; }
  #pad { border: 2px dashed #8a94a6; border-radius: 8px; background: #000; touch-action: none; cursor: crosshair; }
  #drop { border: 2px dashed #8a94a6; border-radius: 8px; padding: 1rem; text-align: center; color: #5b6477; }
  #drop.over { background: #eef3ff; }
  button { font: inherit; padding: .35rem .9rem; margin-top: .5rem; }
  #result { min-width: 14rem; }
  #top { font-size: 2.5rem; font-weight: 700; margin: 0; }
  .bar { display: flex; align-items: center; gap: .5rem; margin: 2px 0; font-size: .9rem; }
  .bar span { width: 4.5rem; text-align: right; font-variant-numeric: tabular-nums; }
  .bar div { background: #3b6fe0; height: .8rem; border-radius: 2px; }
  #fields input { width: 6rem; margin: 2px; }
  footer { margin-top: 2rem; font-size: .8rem; color: #5b6477; }
</style>
</head>
<body>
<h1>${title}</h1>
<p id="hint"></p>
<div class="row">
  <div id="inputs"></div>
  <div id="result"><p id="top">–</p><div id="bars"></div></div>
</div>
<footer>Runs entirely in this page with TensorFlow.js; nothing is sent anywhere. Made with Neuroblocks.</footer>
<script src="tf.min.js"></script>
<script src="model-data.js"></script>
<script>
(() => {
  const config = ${config};
  const [height, width, channels] = config.inputShape;
  const isImage = config.inputShape.length === 3;
  const mnistStyle = height === 28 && width === 28 && channels === 1;
  const api = (window.neuroblocks = { ready: false, lastInput: null, lastOutput: null });
  const inputs = document.getElementById('inputs');
  const hint = document.getElementById('hint');

  function bytes(base64) {
    const text = atob(base64);
    const out = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
    return out.buffer;
  }

  function show(probabilities) {
    const best = probabilities.indexOf(Math.max(...probabilities));
    document.getElementById('top').textContent = config.labels[best] ?? String(best);
    const bars = document.getElementById('bars');
    bars.innerHTML = '';
    probabilities.forEach((p, i) => {
      const row = document.createElement('div');
      row.className = 'bar';
      row.innerHTML = '<span></span><span></span><div></div>';
      row.children[0].textContent = config.labels[i] ?? String(i);
      row.children[1].textContent = (p * 100).toFixed(1) + ' %';
      row.children[2].style.width = Math.max(1, Math.round(p * 160)) + 'px';
      bars.appendChild(row);
    });
  }

  async function predict(values) {
    const shape = [1, ...config.inputShape];
    const output = tf.tidy(() => {
      const y = api.model.predict(tf.tensor(values, shape, 'float32'));
      return Array.isArray(y) ? y[0] : y;
    });
    const result = Array.from(await output.data());
    output.dispose();
    api.lastInput = Array.from(values);
    api.lastOutput = result;
    show(result);
    return result;
  }
  api.predict = predict;

  const toDigitImage = ${toDigitImage.toString()};

  /** A drawing on the pad as an MNIST digit: the ink fitted into 20×20 pixels and centred by its mass in 28×28. */
  function digitOf(pad) {
    const rgba = pad.getContext('2d').getImageData(0, 0, pad.width, pad.height).data;
    const ink = new Float32Array(pad.width * pad.height);
    for (let i = 0; i < ink.length; i++) ink[i] = rgba[4 * i] / 255;
    return toDigitImage(ink, pad.width, pad.height);
  }

  const fitImage = ${fitImage.toString()};

  /** An image or canvas fitted to height × width (${fit === 'letterbox' ? 'letter-boxed' : fit === 'crop' ? 'centre-cropped' : 'stretched'}, as in training), 0–1, in the model's channel count. */
  function pixelsOf(source) {
    const full = document.createElement('canvas');
    full.width = source.naturalWidth || source.width;
    full.height = source.naturalHeight || source.height;
    const ctx = full.getContext('2d');
    ctx.drawImage(source, 0, 0);
    const rgba = ctx.getImageData(0, 0, full.width, full.height).data;
    return fitImage(rgba, full.width, full.height, width, height, channels, config.fit);
  }

  function drawingPad() {
    const pad = document.createElement('canvas');
    pad.id = 'pad';
    pad.width = pad.height = 280;
    const ctx = pad.getContext('2d');
    const clear = () => { ctx.fillStyle = '#000'; ctx.fillRect(0, 0, pad.width, pad.height); };
    clear();
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 22;
    ctx.lineCap = ctx.lineJoin = 'round';
    let drawing = false;
    const at = (e) => { const r = pad.getBoundingClientRect(); return [(e.clientX - r.left) * pad.width / r.width, (e.clientY - r.top) * pad.height / r.height]; };
    pad.addEventListener('pointerdown', (e) => { drawing = true; ctx.beginPath(); ctx.moveTo(...at(e)); ctx.lineTo(...at(e)); ctx.stroke(); });
    pad.addEventListener('pointermove', (e) => { if (drawing) { ctx.lineTo(...at(e)); ctx.stroke(); } });
    const finish = () => { if (drawing) { drawing = false; predict(mnistStyle ? digitOf(pad) : pixelsOf(pad)); } };
    pad.addEventListener('pointerup', finish);
    pad.addEventListener('pointerleave', finish);
    const button = document.createElement('button');
    button.textContent = 'Clear';
    button.onclick = () => { clear(); document.getElementById('top').textContent = '–'; document.getElementById('bars').innerHTML = ''; };
    inputs.append(pad, document.createElement('br'), button);
  }

  function dropZone() {
    const zone = document.createElement('div');
    zone.id = 'drop';
    zone.textContent = 'Drop an image here, or click to choose one';
    const file = document.createElement('input');
    file.type = 'file';
    file.accept = 'image/*';
    file.hidden = true;
    const load = (f) => {
      const img = new Image();
      img.onload = () => { predict(pixelsOf(img)); URL.revokeObjectURL(img.src); };
      img.src = URL.createObjectURL(f);
    };
    zone.onclick = () => file.click();
    file.onchange = () => file.files[0] && load(file.files[0]);
    zone.ondragover = (e) => { e.preventDefault(); zone.classList.add('over'); };
    zone.ondragleave = () => zone.classList.remove('over');
    zone.ondrop = (e) => { e.preventDefault(); zone.classList.remove('over'); if (e.dataTransfer.files[0]) load(e.dataTransfer.files[0]); };
    inputs.append(zone, file);
  }

  /** A row as typed: standardised with the training rows' mean and σ for a table, as training did. */
  function prepareRow(values) {
    return Float32Array.from(values, (v, i) => (config.columns ? (v - config.columns[i].mean) / config.columns[i].std : v));
  }
  api.predictRow = (values) => predict(prepareRow(values));

  function numberFields() {
    const form = document.createElement('div');
    form.id = 'fields';
    const size = config.inputShape.reduce((a, b) => a * b, 1);
    const fields = [];
    for (let i = 0; i < size; i++) {
      const f = document.createElement('input');
      f.type = 'number';
      f.step = 'any';
      f.value = '0';
      const column = config.columns ? config.columns[i] : undefined;
      f.value = column ? String(Number(column.mean.toPrecision(4))) : '0';
      f.setAttribute('aria-label', column ? column.name : 'input ' + i);
      f.oninput = () => predict(prepareRow(fields.map((x) => Number(x.value) || 0)));
      fields.push(f);
      if (column) {
        const label = document.createElement('label');
        label.textContent = column.name + ' ';
        label.appendChild(f);
        form.appendChild(label);
      } else form.appendChild(f);
    }
    inputs.appendChild(form);
    if (config.columns) predict(prepareRow(fields.map((x) => Number(x.value) || 0)));
  }

  async function start() {
    await tf.setBackend('cpu');
    const data = window.NEUROBLOCKS_MODEL;
    const manifest = data.modelJson.weightsManifest;
    api.model = await tf.loadLayersModel(tf.io.fromMemory({
      modelTopology: data.modelJson.modelTopology,
      weightSpecs: manifest.flatMap((g) => g.weights),
      weightData: bytes(data.weights),
    }));
    if (isImage && channels === 1) {
      hint.textContent = 'Draw in the black square (white ink, like the training images), or drop an image.';
      drawingPad();
      dropZone();
    } else if (isImage) {
      hint.textContent = 'Drop an image, or click the box to choose one. It is ' + { letterbox: 'scaled to fit whole in ', crop: 'cropped around its centre to fill ', stretch: 'resized to ' }[config.fit] + width + '×' + height + ' pixels.';
      dropZone();
    } else {
      hint.textContent = config.columns ? 'Type a row\u2019s values, as written in the data file.' : 'Type the ' + config.inputShape.join('×') + ' input values.';
      numberFields();
    }
    api.ready = true;
  }
  start().catch((error) => { hint.textContent = 'The model could not be loaded: ' + error.message; api.error = String(error); });
})();
</script>
</body>
</html>
`;
}

/**
 * A self-contained demo folder: the TF.js model, TensorFlow.js itself, and a page that works from
 * file:// (the model is also embedded in model-data.js, since browsers refuse fetch() on files).
 */
export async function writeWebDemo(
  dir: string,
  project: Project,
  artifacts: TfjsArtifacts,
  inputShape: Shape,
  classes: number,
  data: PageData = {},
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files = await writeTfjs(dir, artifacts);
  await copyFile(require.resolve('@tensorflow/tfjs/dist/tf.min.js'), join(dir, 'tf.min.js'));
  const embedded = { modelJson: artifacts.modelJson, weights: Buffer.from(artifacts.weightData).toString('base64') };
  await writeFile(join(dir, 'model-data.js'), `window.NEUROBLOCKS_MODEL = ${JSON.stringify(embedded)};\n`);
  await writeFile(join(dir, 'index.html'), pageHtml(project, inputShape, classLabels(project, classes, data), data));
  return [...files, 'tf.min.js', 'model-data.js', 'index.html'];
}
