import { mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { DatasetUploadFile } from '../api/contract';
import { cifarBatch, tar } from '../data/format-fixtures';
import { encodeIdx } from '../data/idx';
import { said } from '../data/said-fixtures';
import { problemText } from '../i18n/translate';
import { datasetPath, MAX_CSV_BYTES, MAX_IMAGE_BYTES, uploadPathParts } from './dataset-import';
import { type NativeDialogs } from './services';
import { serviceFolderPerTest, webService } from './test-service';

let root: string;
let projectsDir: string;
serviceFolderPerTest('neuroblocks-data-', (folder) => ({ root, projectsDir } = folder), { makeProjectsDir: true });

function service(dialogs?: NativeDialogs) {
  return webService({ root, projectsDir }, { host: dialogs ? 'desktop' : 'web', dialogs });
}

async function png(width: number, height: number, channels: 1 | 3, shade: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * channels, shade);
  const image = sharp(pixels, { raw: { width, height, channels } });
  return (channels === 1 ? image.toColourspace('b-w') : image).png().toBuffer();
}

const asUpload = (file: string, bytes: Buffer | string): DatasetUploadFile => ({
  path: file,
  base64: Buffer.from(bytes).toString('base64'),
});

/** Two classes of 6 RGB images, one of 1, a truncated PNG and a text file. */
async function imageUpload(): Promise<DatasetUploadFile[]> {
  const files: DatasetUploadFile[] = [];
  for (let i = 0; i < 6; i++)
    files.push(asUpload(`circle/c${i}.png`, await png(16, 16, 3, 40 + i)), asUpload(`square/s${i}.png`, await png(16, 16, 3, 200 - i)));
  files.push(asUpload('star/only.png', await png(16, 16, 3, 120)));
  files.push(asUpload('circle/broken.png', (await png(16, 16, 3, 9)).subarray(0, 40)));
  files.push(asUpload('square/notes.txt', 'not an image'));
  return files;
}

describe('importing an image folder from the browser', () => {
  it('writes it under datasets/ of the projects folder, in several calls, and previews it with the imbalance and the broken file', async () => {
    const api = service();
    const files = await imageUpload();
    const { uploadId } = await api.startDatasetUpload({ name: 'shapes', kind: 'imageFolder' });
    const first = await api.uploadDatasetFiles(uploadId, files.slice(0, 7));
    const second = await api.uploadDatasetFiles(uploadId, files.slice(7));
    expect(first.received + second.received).toBe(14);
    expect(second.refused.map(said)).toEqual([
      { file: 'square/notes.txt', reason: 'not a PNG, JPEG or WebP image', reasonFr: 'pas une image PNG, JPEG ou WebP' },
    ]);
    expect(second.refused[0].reason).toEqual({ code: 'data:notImage', params: {} });
    const location = path.join(projectsDir, 'shapes.nbproj');
    const imported = await api.finishDatasetUpload(uploadId, { location });
    // A new image folder letter-boxes images not shaped like the Input.
    expect(imported.ref).toEqual({ kind: 'imageFolder', path: 'datasets/shapes', fit: 'letterbox' });
    expect(imported.path).toBe(path.join(projectsDir, 'datasets', 'shapes'));
    expect(imported.refused.map((r) => r.file)).toEqual(['square/notes.txt']);
    // No staging folder is left behind.
    expect(await readdir(path.join(projectsDir, 'datasets'))).toEqual(['shapes']);

    const preview = await api.previewDataset(imported.ref, { location });
    expect(preview.kind).toBe('imageFolder');
    expect(preview.inputShape).toEqual([16, 16, 3]);
    expect(preview.classes.map((c) => c.name)).toEqual(['circle', 'square', 'star']);
    expect(preview.classes.map((c) => c.count + c.testCount)).toEqual([6, 6, 1]);
    expect(preview.trainCount + preview.testCount).toBe(13);
    expect(preview.classes[1].thumbnails).toHaveLength(6);
    expect(preview.classes[1].thumbnails[0]).toMatch(/^data:image\/png;base64,/);
    expect(preview.skipped.map(said)).toEqual([
      {
        file: path.join('circle', 'broken.png'),
        reason: expect.stringContaining('cannot be decoded'),
        reasonFr: expect.stringMatching(/^illisible \(/),
      },
    ]);
    expect(preview.warnings.map((w) => problemText(w)).join(' ')).toMatch(
      /strongly imbalanced: "(circle|square)" has 5 samples but "star" only 1/,
    );
    expect(preview.warnings.map((w) => problemText(w, 'fr')).join(' ')).toMatch(
      /très déséquilibrées : « (circle|square) » a 5 exemples, mais « star » seulement 1/,
    );
  });

  it('names the data set folder uniquely and gives an absolute path when the project is not saved beside it', async () => {
    const api = service();
    const refs = [];
    for (let n = 0; n < 2; n++) {
      const { uploadId } = await api.startDatasetUpload({ name: '../shapes', kind: 'imageFolder' });
      await api.uploadDatasetFiles(uploadId, [asUpload('a/1.png', await png(4, 4, 1, 0)), asUpload('b/1.png', await png(4, 4, 1, 255))]);
      refs.push((await api.finishDatasetUpload(uploadId)).ref);
    }
    expect(refs.map((r) => (r.kind === 'imageFolder' ? r.path : ''))).toEqual([
      path.join(projectsDir, 'datasets', 'shapes'),
      path.join(projectsDir, 'datasets', 'shapes-2'),
    ]);
    const preview = await api.previewDataset(refs[0]);
    expect(preview.inputShape).toEqual([4, 4, 1]);
  });

  it('gives two uploads of the same name finished at the same time a folder each', async () => {
    const api = service();
    const uploads = await Promise.all([1, 2].map(() => api.startDatasetUpload({ name: 'shapes', kind: 'imageFolder' })));
    for (const [i, { uploadId }] of uploads.entries())
      await api.uploadDatasetFiles(uploadId, [
        asUpload('a/1.png', await png(8, 8, 1, 10 + i)),
        asUpload('b/1.png', await png(8, 8, 1, 200 - i)),
      ]);
    const imported = await Promise.all(uploads.map(({ uploadId }) => api.finishDatasetUpload(uploadId)));
    expect(imported.map((d) => path.basename(d.path)).sort()).toEqual(['shapes', 'shapes-2']);
    for (const d of imported) expect((await readdir(d.path)).sort()).toEqual(['a', 'b']);
  });

  it('refuses paths that leave the chosen folder and files that only pretend to be images', async () => {
    const api = service();
    const { uploadId } = await api.startDatasetUpload({ name: 'x', kind: 'imageFolder' });
    for (const bad of ['../evil.png', 'a/../../evil.png', '/etc/evil.png', 'C:\\evil.png', 'a/./b.png', '']) {
      await expect(api.uploadDatasetFiles(uploadId, [asUpload(bad, await png(2, 2, 1, 0))])).rejects.toMatchObject({ code: 'bad-path' });
    }
    const result = await api.uploadDatasetFiles(uploadId, [
      asUpload('a/fake.png', 'hello'),
      asUpload('loose.png', await png(2, 2, 1, 0)),
      asUpload('a/b/deep.png', await png(2, 2, 1, 0)),
    ]);
    expect(result.received).toBe(0);
    expect(result.refused.map((r) => problemText(r.reason))).toEqual([
      'not an image, although its name says so',
      'not inside a class folder: put each image in the sub-folder named after its class',
      'inside a sub-folder of a class folder: a class folder holds images only',
    ]);
    const nothing = (await api.finishDatasetUpload(uploadId).then(
      () => undefined,
      (e: unknown) => e,
    )) as { message: string; fr: string; problem: unknown };
    expect(nothing.message).toMatch(/Nothing was imported from "x": it needs one sub-folder per class/);
    // The first three refused files, each with why.
    expect(nothing.message).toMatch(
      /Refused: a\/fake\.png \(not an image, although its name says so\); loose\.png \(not inside a class folder: .*\); a\/b\/deep\.png \(inside a sub-folder .*\)\.$/,
    );
    expect(nothing.fr).toMatch(
      /Refusés : a\/fake\.png \(pas une image, bien que son nom l’indique\) ; loose\.png \(pas dans un dossier de classe : /,
    );
    expect(nothing.problem).toMatchObject({ code: 'data:nothingImportedRefused' });
    expect(await readdir(root)).not.toContain('evil.png');
    await expect(api.uploadDatasetFiles(uploadId, [])).rejects.toThrow(/upload is over or unknown/);
  });

  it('saves the data path relative to the project file when the data lie beside it, so that the folder can be shared whole', async () => {
    const api = service();
    const { project } = await api.newProject({ name: 'shapes' });
    const inside = path.join(projectsDir, 'datasets', 'shapes');
    const outside = path.join(root, 'elsewhere', 'shapes');
    await api.saveProject(path.join(projectsDir, 'a.json'), { ...project, dataset: { kind: 'imageFolder', path: inside } });
    await api.saveProject(path.join(projectsDir, 'b.json'), { ...project, dataset: { kind: 'imageFolder', path: outside } });
    // Saved without a fit, as projects were before the choice: read back as the stretch they had.
    expect((await api.openProject(path.join(projectsDir, 'a.json'))).project.dataset).toEqual({
      kind: 'imageFolder',
      path: 'datasets/shapes',
      fit: 'stretch',
    });
    expect((await api.openProject(path.join(projectsDir, 'b.json'))).project.dataset).toEqual({
      kind: 'imageFolder',
      path: outside,
      fit: 'stretch',
    });
  });

  it('clears uploads abandoned a day ago, not recent ones', async () => {
    const datasets = path.join(projectsDir, 'datasets');
    await mkdir(path.join(datasets, '.upload-old', 'a'), { recursive: true });
    await mkdir(path.join(datasets, '.upload-recent'), { recursive: true });
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    await utimes(path.join(datasets, '.upload-old'), twoDaysAgo, twoDaysAgo);
    await service().startDatasetUpload({ name: 'x', kind: 'csv' });
    const left = await readdir(datasets);
    expect(left).toContain('.upload-recent');
    expect(left).not.toContain('.upload-old');
  });

  it('keeps upload paths and project paths in their folders', () => {
    expect(uploadPathParts('cats/1.png')).toEqual(['cats', '1.png']);
    expect(() => uploadPathParts('cats/../../1.png')).toThrow(/leads outside/);
    expect(datasetPath('/data/projects/datasets/a', '/data/projects/p.nbproj')).toBe('datasets/a');
    expect(datasetPath('/elsewhere/a', '/data/projects/p.nbproj')).toBe('/elsewhere/a');
    expect(datasetPath('/data/projects/datasets/a')).toBe('/data/projects/datasets/a');
  });
});

describe('importing a CSV file', () => {
  const iris = 'sepal,petal,species\n1,2,setosa\n1.1,2.2,setosa\n5,6,virginica\n5.5,6.1,virginica\n5.2,6.3,virginica\n';

  it('uploads it, guesses the label column from the header and previews its rows', async () => {
    const api = service();
    const { uploadId } = await api.startDatasetUpload({ name: 'iris.csv', kind: 'csv' });
    await api.uploadDatasetFiles(uploadId, [asUpload('iris.csv', iris)]);
    const imported = await api.finishDatasetUpload(uploadId, { location: path.join(projectsDir, 'p.json') });
    expect(imported.columns).toEqual(['sepal', 'petal', 'species']);
    expect(imported.ref).toEqual({ kind: 'csv', path: 'datasets/iris/iris.csv', labelColumn: 'species' });
    const preview = await api.previewDataset(imported.ref, { location: path.join(projectsDir, 'p.json') });
    expect(preview.inputShape).toEqual([2]);
    expect(preview.classes.map((c) => [c.name, c.count + c.testCount])).toEqual([
      ['setosa', 2],
      ['virginica', 3],
    ]);
    expect(preview.table).toEqual({
      header: ['sepal', 'petal', 'species'],
      rows: expect.arrayContaining([['1', '2', 'setosa']]),
      totalRows: 5,
    });
  });

  it('takes a big file in parts, and counts every part against the size limit', async () => {
    const api = service();
    const { uploadId } = await api.startDatasetUpload({ name: 'iris.csv', kind: 'csv' });
    const cut = iris.indexOf('\n5,6');
    await api.uploadDatasetFiles(uploadId, [asUpload('iris.csv', iris.slice(0, cut))]);
    await api.uploadDatasetFiles(uploadId, [{ ...asUpload('iris.csv', iris.slice(cut)), append: true }]);
    await expect(api.uploadDatasetFiles(uploadId, [{ ...asUpload('other.csv', '1,x\n'), append: true }])).rejects.toMatchObject({
      code: 'bad-request',
    });
    const imported = await api.finishDatasetUpload(uploadId, { location: path.join(projectsDir, 'p.json') });
    expect(await readFile(imported.path, 'utf8')).toBe(iris);
    expect((await api.previewDataset(imported.ref, { location: path.join(projectsDir, 'p.json') })).table?.totalRows).toBe(5);

    const big = await api.startDatasetUpload({ name: 'big.csv', kind: 'csv' });
    const part = Buffer.alloc(MAX_CSV_BYTES / 2, 'a');
    await api.uploadDatasetFiles(big.uploadId, [asUpload('big.csv', part)]);
    await api.uploadDatasetFiles(big.uploadId, [{ ...asUpload('big.csv', part), append: true }]);
    await expect(api.uploadDatasetFiles(big.uploadId, [{ ...asUpload('big.csv', 'more'), append: true }])).rejects.toMatchObject({
      code: 'too-big',
    });

    const images = await api.startDatasetUpload({ name: 'shapes', kind: 'imageFolder' });
    await expect(
      api.uploadDatasetFiles(images.uploadId, [{ ...asUpload('circle/c.png', await png(4, 4, 1, 9)), append: true }]),
    ).rejects.toMatchObject({ code: 'bad-request' });
  });

  it('refuses an image over the size limit from its declared size, before decoding a byte, and drops its later parts', async () => {
    const api = service();
    const { uploadId } = await api.startDatasetUpload({ name: 'shapes', kind: 'imageFolder' });
    const small = await png(4, 4, 1, 9);
    // The first part of a 48 MiB image: its size is declared, and its few bytes are a real PNG header.
    const result = await api.uploadDatasetFiles(uploadId, [
      { ...asUpload('circle/huge.png', small), size: 48 * 1024 * 1024 },
      asUpload('circle/ok.png', small),
    ]);
    expect(result.refused.map(said)).toEqual([
      {
        file: 'circle/huge.png',
        reason: 'too big for a training image (48 MB; at most 25 MB)',
        reasonFr: 'trop grosse pour une image d’entraînement (48 Mo ; au plus 25 Mo)',
      },
    ]);
    expect(result.received).toBe(1);
    const staging = path.join(projectsDir, 'datasets', `.upload-${uploadId}`, 'circle');
    expect(await readdir(staging)).toEqual(['ok.png']);
    // The page sends the next part of the file that was refused: it is dropped, not refused a second time.
    const second = await api.uploadDatasetFiles(uploadId, [{ ...asUpload('circle/huge.png', small), size: 48 * 1024 * 1024 }]);
    expect(await api.uploadDatasetFiles(uploadId, [{ ...asUpload('circle/huge.png', 'more'), append: true }])).toEqual({
      received: 0,
      refused: [],
    });
    expect(second.refused).toHaveLength(1);
    expect(await readdir(staging)).toEqual(['ok.png']);
    // A part whose beginning was never sent is a malformed request.
    expect(await api.uploadDatasetFiles(uploadId, [asUpload('square/a.png', small)])).toMatchObject({ received: 1 });
    await expect(api.uploadDatasetFiles(uploadId, [{ ...asUpload('circle/huge.png', 'x'), append: true }])).rejects.toMatchObject({
      code: 'bad-request',
    });
  });

  it('takes an image in parts, and leaves it out when its parts pass the size limit', async () => {
    const api = service();
    const { uploadId } = await api.startDatasetUpload({ name: 'shapes', kind: 'imageFolder' });
    const image = await png(64, 64, 3, 77);
    const cut = 30;
    await api.uploadDatasetFiles(uploadId, [{ ...asUpload('circle/a.png', image.subarray(0, cut)), size: image.length }]);
    await api.uploadDatasetFiles(uploadId, [{ ...asUpload('circle/a.png', image.subarray(cut)), append: true }]);
    const staging = path.join(projectsDir, 'datasets', `.upload-${uploadId}`);
    expect((await readFile(path.join(staging, 'circle', 'a.png'))).equals(image)).toBe(true);

    // A page that understates the size: the parts are counted as they come.
    await api.uploadDatasetFiles(uploadId, [{ ...asUpload('circle/b.png', image), size: image.length }]);
    const refused = await api.uploadDatasetFiles(uploadId, [
      { ...asUpload('circle/b.png', Buffer.alloc(MAX_IMAGE_BYTES, 1)), append: true },
    ]);
    expect(refused.refused.map((r) => r.file)).toEqual(['circle/b.png']);
    expect(await readdir(path.join(staging, 'circle'))).toEqual(['a.png']);
    const imported = await api.finishDatasetUpload(uploadId);
    expect(await readdir(path.join(imported.path, 'circle'))).toEqual(['a.png']);
    expect(imported.refused.map((r) => r.file)).toEqual(['circle/b.png']);
  });

  it('says which column is missing and gives the columns to choose from', async () => {
    await writeFile(path.join(root, 'iris.csv'), iris);
    const error = await service()
      .previewDataset({ kind: 'csv', path: path.join(root, 'iris.csv'), labelColumn: 'label' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'data', details: { columns: ['sepal', 'petal', 'species'] } });
    expect((error as Error).message).toBe(
      'The CSV file iris.csv has no column "label" to use as the label. Its columns are: sepal, petal, species.',
    );
    expect((error as { fr?: string }).fr).toBe(
      'Le fichier CSV iris.csv n’a pas de colonne « label » à utiliser comme étiquette. Ses colonnes sont : sepal, petal, species.',
    );
  });

  it('names the row and column of a cell that is not a number when no row is left, and says an empty file is empty', async () => {
    await writeFile(path.join(root, 'bad.csv'), 'a,b,label\n1,no,x\n3,oops,y\n');
    await writeFile(path.join(root, 'empty.csv'), '');
    const api = service();
    await expect(api.previewDataset({ kind: 'csv', path: path.join(root, 'bad.csv'), labelColumn: 'label' })).rejects.toThrow(
      /^No row of bad\.csv can be used: Row 2, column 2 \("b"\) of bad\.csv is "no", not a number/,
    );
    await expect(api.previewDataset({ kind: 'csv', path: path.join(root, 'empty.csv'), labelColumn: 'label' })).rejects.toThrow(
      'The CSV file empty.csv is empty: it needs a header row naming the columns, then one row per sample.',
    );
  });

  it('refuses a file that is not a CSV or not text', async () => {
    const api = service();
    const { uploadId } = await api.startDatasetUpload({ name: 'x', kind: 'csv' });
    await expect(api.uploadDatasetFiles(uploadId, [asUpload('table.xlsx', 'PK')])).rejects.toThrow(/table\.xlsx is not a CSV file/);
    await expect(api.uploadDatasetFiles(uploadId, [asUpload('table.csv', Buffer.from([0x50, 0, 0x4b]))])).rejects.toThrow(
      /is not a text file/,
    );

    const empty = await api.startDatasetUpload({ name: 'empty.csv', kind: 'csv' });
    await api.uploadDatasetFiles(empty.uploadId, [asUpload('empty.csv', '')]);
    await expect(api.finishDatasetUpload(empty.uploadId)).rejects.toMatchObject({ code: 'data' });
    expect((await readdir(path.join(projectsDir, 'datasets'))).filter((name) => !name.startsWith('.upload-'))).toEqual([]);
  });

  it('uses a file picked in the desktop dialog where it is, relative to the project when beside it', async () => {
    await writeFile(path.join(projectsDir, 'iris.csv'), iris);
    const dialogs: NativeDialogs = {
      showOpen: async (options) => (options.extensions.includes('.csv') ? path.join(projectsDir, 'iris.csv') : undefined),
      showSave: async () => undefined,
      showFolder: async () => undefined,
    };
    const api = service(dialogs);
    const imported = await api.showDatasetDialog('csv', { location: path.join(projectsDir, 'p.nbproj') });
    expect(imported).toMatchObject({
      ref: { kind: 'csv', path: 'iris.csv', labelColumn: 'species' },
      columns: ['sepal', 'petal', 'species'],
    });
    expect(await api.showDatasetDialog('imageFolder')).toBeUndefined();
  });
});

describe('previewing the built-in sets', () => {
  it('shows MNIST per digit with its counts and a few thumbnails', async () => {
    const preview = await service().previewDataset({ kind: 'builtin', name: 'mnist', size: 500 });
    expect(preview.classes.map((c) => c.name)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(preview.trainCount).toBe(500);
    expect(preview.testCount).toBe(10_000);
    expect(preview.classes.reduce((sum, c) => sum + c.count, 0)).toBe(500);
    expect(preview.classes.every((c) => c.thumbnails.length === 8)).toBe(true);
    expect(preview.warnings).toEqual([]);
  });

  it('gives points for the scatter plot of a 2-D set', async () => {
    const preview = await service().previewDataset({ kind: 'builtin', name: 'xor', size: 200 });
    expect(preview.inputShape).toEqual([2]);
    expect(preview.points!.length).toBeGreaterThan(100);
    expect(new Set(preview.points!.map((p) => p.label))).toEqual(new Set([0, 1]));
  });
});

describe('importing IDX files and CIFAR archives', () => {
  const idxFiles = () => {
    const count = 30;
    const pixels = new Uint8Array(count * 5 * 5).map((_, i) => i % 256);
    const labels = Uint8Array.from({ length: count }, (_, i) => i % 3);
    return { images: Buffer.from(encodeIdx([count, 5, 5], pixels)), labels: Buffer.from(encodeIdx([count], labels)) };
  };

  it('takes a folder of IDX files in parts from the browser, keeps them under datasets/ and previews them', async () => {
    const api = service();
    const { images, labels } = idxFiles();
    const { uploadId } = await api.startDatasetUpload({ name: 'kmnist', kind: 'idx' });
    await api.uploadDatasetFiles(uploadId, [asUpload('train-images-idx3-ubyte', images.subarray(0, 300))]);
    await api.uploadDatasetFiles(uploadId, [{ ...asUpload('train-images-idx3-ubyte', images.subarray(300)), append: true }]);
    const sent = await api.uploadDatasetFiles(uploadId, [asUpload('train-labels-idx1-ubyte', labels), asUpload('README.txt', 'hello')]);
    expect(sent.refused.map(said)).toEqual([
      expect.objectContaining({ file: 'README.txt', reason: 'not an IDX file (its name has no idx1-ubyte or idx3-ubyte)' }),
    ]);
    const location = path.join(projectsDir, 'k.nbproj');
    const imported = await api.finishDatasetUpload(uploadId, { location });
    expect(imported.ref).toEqual({ kind: 'idx', path: 'datasets/kmnist' });
    expect(await readFile(path.join(projectsDir, 'datasets', 'kmnist', 'train-images-idx3-ubyte'))).toEqual(images);
    const preview = await api.previewDataset(imported.ref, { location });
    expect(preview).toMatchObject({ kind: 'idx', inputShape: [5, 5, 1], trainCount: 24, testCount: 6 });
    expect(preview.classes.map((c) => c.name)).toEqual(['0', '1', '2']);
  });

  it('takes a CIFAR archive in parts, and refuses a cut one, naming the byte, without keeping it', async () => {
    const api = service();
    const archive = Buffer.from(
      gzipSync(
        tar([
          { name: 'cifar-10-batches-bin/data_batch_1.bin', data: cifarBatch(20, 10, 1) },
          { name: 'cifar-10-batches-bin/test_batch.bin', data: cifarBatch(10, 10, 1) },
        ]),
      ),
    );
    const { uploadId } = await api.startDatasetUpload({ name: 'cifar-10-binary.tar.gz', kind: 'cifar' });
    await api.uploadDatasetFiles(uploadId, [asUpload('cifar-10-binary.tar.gz', archive.subarray(0, 1000))]);
    await api.uploadDatasetFiles(uploadId, [{ ...asUpload('cifar-10-binary.tar.gz', archive.subarray(1000)), append: true }]);
    const imported = await api.finishDatasetUpload(uploadId, {});
    expect(imported.ref).toEqual({ kind: 'cifar', path: imported.path });
    expect(path.relative(projectsDir, imported.path)).toBe(path.join('datasets', 'cifar-10-binary', 'cifar-10-binary.tar.gz'));
    const preview = await api.previewDataset(imported.ref);
    expect(preview).toMatchObject({ kind: 'cifar', name: 'CIFAR-10', inputShape: [32, 32, 3], trainCount: 20, testCount: 10 });

    const cut = await api.startDatasetUpload({ name: 'cut.tar', kind: 'cifar' });
    const plain = tar([{ name: 'cifar-10-batches-bin/data_batch_1.bin', data: cifarBatch(20, 10, 1) }]);
    await api.uploadDatasetFiles(cut.uploadId, [asUpload('cut.tar', Buffer.from(plain.subarray(0, 5000)))]);
    await expect(api.finishDatasetUpload(cut.uploadId, {})).rejects.toThrow(
      /cut.tar is truncated: cifar-10-batches-bin\/data_batch_1.bin starts at byte 512 and should hold 61,460 bytes, but the archive ends at byte 5,000/,
    );
    expect((await readdir(path.join(projectsDir, 'datasets'))).sort()).toEqual(['cifar-10-binary']);
    const wrong = await api.startDatasetUpload({ name: 'photo', kind: 'cifar' });
    await expect(api.uploadDatasetFiles(wrong.uploadId, [asUpload('photo.png', 'x')])).rejects.toThrow(/photo.png is not a CIFAR archive/);
  });

  it('uses IDX files or a CIFAR archive picked in the desktop dialog where they are', async () => {
    const folder = path.join(root, 'emnist');
    await mkdir(folder);
    const { images, labels } = idxFiles();
    await writeFile(path.join(folder, 'emnist-train-images-idx3-ubyte'), images);
    await writeFile(path.join(folder, 'emnist-train-labels-idx1-ubyte'), labels);
    const picked: string[] = [];
    const dialogs: NativeDialogs = {
      showOpen: async () => path.join(folder, 'emnist-train-images-idx3-ubyte'),
      showFolder: async () => (picked.push('folder'), folder),
      showSave: async () => undefined,
    };
    const api = service(dialogs);
    expect(await api.showDatasetDialog('idx')).toMatchObject({ ref: { kind: 'idx', path: folder } });
    expect(picked).toEqual(['folder']);
    await writeFile(path.join(folder, 'emnist-train-labels-idx1-ubyte'), labels.subarray(0, 20));
    await expect(api.showDatasetDialog('idx')).rejects.toThrow(/emnist-train-labels-idx1-ubyte is truncated: .* the file ends at byte 20/);
  });
});
