// Sending a folder or a CSV file picked in the browser to the host, in batches small enough for
// one message each, and checking that the model fits the data the Data tab previews.
import {
  UPLOAD_LIMITS,
  type DatasetPreview,
  type DatasetUploadFile,
  type ImportedDataset,
  type ImportedDatasetKind,
  type NeuroblocksApi,
} from '../../../core/api/contract';
import type { GraphAnalysis } from '../../../core/model/analyze';
import type { Shape } from '../../../core/model/graph';

/** Bytes of file content per call (base64 adds a third): far below the transport's message limit. A bigger file goes in parts of this size. */
export const BATCH_BYTES = UPLOAD_LIMITS.partBytes;
export const BATCH_FILES = 500;

/** A file to upload, with its path inside the picked folder (`class/image.png`) or its name (CSV). */
export interface PickedFile {
  path: string;
  size: number;
  /** Bytes `start` to `end` (excluded) of the file, all of it without them: `(start, end) => file.slice(start, end).arrayBuffer()`. */
  read(start?: number, end?: number): Promise<ArrayBuffer>;
}

const IMAGE_NAME = /\.(png|jpe?g|webp)$/i;

/** Consecutive batches of at most `maxBytes` (a bigger file goes alone) and `maxFiles` files. */
export function uploadBatches<T extends { size: number }>(files: T[], maxBytes = BATCH_BYTES, maxFiles = BATCH_FILES): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const file of files) {
    if (current.length > 0 && (bytes + file.size > maxBytes || current.length >= maxFiles)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(file);
    bytes += file.size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

export function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  // Encoded in chunks whose length is a multiple of 3, so that their base64 texts join without padding in between.
  const chunk = 3 * 0x2000;
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += chunk) parts.push(btoa(String.fromCharCode(...bytes.subarray(i, i + chunk))));
  return parts.join('');
}

/**
 * Files of a folder picked with `<input webkitdirectory>` or dropped: paths relative to that
 * folder. The folder's own name becomes the data set's.
 */
export function folderFiles(files: { relativePath: string; size: number; read: PickedFile['read'] }[]): {
  name: string;
  files: PickedFile[];
} {
  const first = files[0]?.relativePath.split('/')[0] ?? 'images';
  return {
    name: first,
    files: files.map((f) => ({ path: f.relativePath.split('/').slice(1).join('/'), size: f.size, read: f.read })),
  };
}

/** Uploads the files, then asks the host for the project's data set reference. */
export async function uploadDataset(
  api: NeuroblocksApi,
  request: { kind: ImportedDatasetKind; name: string; files: PickedFile[]; location?: string },
  onProgress: (sent: number, total: number) => void,
): Promise<ImportedDataset> {
  const { uploadId } = await api.startDatasetUpload({ name: request.name, kind: request.kind });
  const refused: ImportedDataset['refused'] = [];
  let sent = 0;
  onProgress(0, request.files.length);
  const send = async (files: DatasetUploadFile[]) => refused.push(...(await api.uploadDatasetFiles(uploadId, files)).refused);
  /** A file in parts of at most BATCH_BYTES, the later ones continuing the first: each fits in one message. */
  const sendInParts = async (file: PickedFile) => {
    for (let start = 0; start === 0 || start < file.size; start += BATCH_BYTES) {
      const part = await file.read(start, Math.min(file.size, start + BATCH_BYTES));
      await send([{ path: file.path, base64: toBase64(part), ...(start > 0 ? { append: true } : { size: file.size }) }]);
    }
  };
  if (request.kind !== 'imageFolder') {
    for (const file of request.files) {
      // Over the limit, the file is neither read nor sent: its size alone gets the host's refusal, which says so.
      if (request.kind === 'csv' && file.size > UPLOAD_LIMITS.csvBytes) await send([{ path: file.path, base64: '', size: file.size }]);
      else await sendInParts(file);
      onProgress(++sent, request.files.length);
    }
  } else {
    // Files that are not images, and images over the limit, are named to the host (which says why they are left out) but not read.
    const sendsContent = (f: PickedFile) => IMAGE_NAME.test(f.path) && f.size <= UPLOAD_LIMITS.imageBytes;
    for (const batch of uploadBatches(request.files.map((f) => ({ file: f, size: sendsContent(f) ? f.size : 0 })))) {
      if (batch.length === 1 && batch[0].size > BATCH_BYTES) await sendInParts(batch[0].file);
      else
        await send(
          await Promise.all(
            batch.map(async ({ file: f }) => ({ path: f.path, base64: sendsContent(f) ? toBase64(await f.read()) : '', size: f.size })),
          ),
        );
      sent += batch.length;
      onProgress(sent, request.files.length);
    }
  }
  const imported = await api.finishDatasetUpload(uploadId, request.location ? { location: request.location } : {});
  return { ...imported, refused };
}

export type FitAdvice =
  | { kind: 'noInput' }
  | { kind: 'input'; id: string; data: Shape; input: Shape; fix: Shape; images: boolean; conversion: 'toGrey' | 'toColour' | 'resizedOnly' }
  | { kind: 'units'; id: string; units: number; classes: number; fixable: boolean };

const size = (shape: Shape) => shape.reduce((a, b) => a * b, 1);

/** What to change in the model so that it trains on the previewed data, naming the blocks. */
export function fitAdvice(preview: DatasetPreview, analysis: GraphAnalysis, loss?: string): FitAdvice[] {
  const advice: FitAdvice[] = [];
  if (analysis.inputs.length !== 1) return [{ kind: 'noInput' }];
  const id = analysis.inputs[0];
  const input = analysis.nodes[id]?.outputShape;
  if (input) {
    const data = preview.inputShape;
    if (preview.kind === 'imageFolder' && (input.length !== 3 || (input[2] !== 1 && input[2] !== 3))) {
      // Images need an Input of [height, width, 1 or 3] to be resized to; anything else cannot train.
      advice.push({ kind: 'input', id, data, input, fix: preview.suggestedInputShape ?? data, images: false, conversion: 'resizedOnly' });
    } else if (preview.kind === 'imageFolder') {
      // Images are resized to the Input's shape, so any [h, w, 1 or 3] trains; other sizes or colours are worth a word.
      // Images larger than a model needs: the shape to offer is the suggested one, not theirs.
      const fix = preview.suggestedInputShape ?? data;
      if (fix.join('×') !== input.join('×')) {
        const channels = input.length === 3 ? input[2] : undefined;
        const conversion = channels === 1 && data[2] === 3 ? 'toGrey' : channels === 3 && data[2] === 1 ? 'toColour' : 'resizedOnly';
        advice.push({ kind: 'input', id, data, input, fix, images: true, conversion });
      }
    } else if (size(data) !== size(input)) {
      advice.push({ kind: 'input', id, data, input, fix: data, images: false, conversion: 'resizedOnly' });
    }
  }
  if (analysis.outputs.length === 1) {
    const out = analysis.nodes[analysis.outputs[0]];
    const shape = out?.outputShape;
    const classes = preview.classes.length;
    const binary = classes === 2 && shape?.[0] === 1 && loss !== 'categoricalCrossentropy' && loss !== 'sparseCategoricalCrossentropy';
    if (out && shape && shape.length === 1 && shape[0] !== classes && !binary) {
      advice.push({ kind: 'units', id: analysis.outputs[0], units: shape[0], classes, fixable: out.type === 'Dense' });
    }
  }
  return advice;
}

export const formatShape = (shape: Shape) => `[${shape.join(', ')}]`;
export const formatSize = (shape: Shape) => (shape.length === 3 ? `${shape[0]}×${shape[1]}×${shape[2]}` : shape.join('×'));
