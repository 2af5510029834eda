// The fit of an image folder through the API: validated on the way in, kept in the project file,
// and given to the thumbnails of the preview.
import { problemText } from '../i18n/translate';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { beforeEach, describe, expect, it } from 'vitest';
import { checkApiArguments } from '../api/schemas';
import type { NeuroblocksService } from './services';
import { serviceFolderPerTest, webService, type ServiceFolder } from './test-service';

let folder: ServiceFolder;
let projectsDir: string;
let service: NeuroblocksService;

serviceFolderPerTest('neuroblocks-fit-', (f) => {
  folder = f;
  projectsDir = f.projectsDir;
});
beforeEach(async () => {
  for (const name of ['wide', 'tall']) await mkdir(path.join(projectsDir, 'flags', name), { recursive: true });
  // 40×20 white images: letter-boxed into a square, black bars show above and below.
  const white = await sharp({ create: { width: 40, height: 20, channels: 3, background: { r: 255, g: 255, b: 255 } } })
    .png()
    .toBuffer();
  for (let i = 0; i < 3; i++)
    for (const name of ['wide', 'tall']) await writeFile(path.join(projectsDir, 'flags', name, `${i}.png`), white);
  service = webService(folder);
});

describe('the fit of an image folder through the API', () => {
  it('is kept in a .nbproj project file, and a reopened project gives it back', async () => {
    const { project } = await service.newProject({ name: 'flags' });
    const location = path.join(projectsDir, 'flags.nbproj');
    await service.saveProject(location, { ...project, dataset: { kind: 'imageFolder', path: 'flags', fit: 'crop' } });
    expect((await service.openProject(location)).project.dataset).toEqual({ kind: 'imageFolder', path: 'flags', fit: 'crop' });
  });

  it('reaches the preview: thumbnails are fitted to the Input shape sent with the request', async () => {
    const location = path.join(projectsDir, 'flags.nbproj');
    const top = async (fit: 'letterbox' | 'crop') => {
      const preview = await service.previewDataset({ kind: 'imageFolder', path: 'flags', fit }, { location, inputShape: [16, 16, 3] });
      const url = preview.classes[0].thumbnails[0];
      const { data } = await sharp(Buffer.from(url.split(',')[1], 'base64'))
        .removeAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      return Array.from(data.subarray(0, 3));
    };
    expect(await top('letterbox')).toEqual([0, 0, 0]);
    expect(await top('crop')).toEqual([255, 255, 255]);
  });

  it('refuses an unknown fit or a shape that is not a list of whole numbers, naming the argument', () => {
    const badFit = checkApiArguments('previewDataset', [{ kind: 'imageFolder', path: 'flags', fit: 'squash' }]);
    expect(badFit?.code).toBe('bad-request');
    expect(badFit?.message).toContain(
      'its first argument, ref.fit, must be one of "letterbox", "crop", "stretch"; it was the text "squash"',
    );
    expect(problemText(badFit!.problem!, 'fr')).toContain('ref.fit, doit valoir "letterbox", "crop", "stretch"');
    const badShape = checkApiArguments('previewDataset', [{ kind: 'imageFolder', path: 'flags' }, { inputShape: [16, 'x', 3] }]);
    expect(badShape?.code).toBe('bad-request');
    expect(badShape?.message).toContain('its second argument, options.inputShape[1], must be a number');
    expect(problemText(badShape!.problem!, 'fr')).toContain('options.inputShape[1], doit être un nombre');
    expect(
      checkApiArguments('previewDataset', [{ kind: 'imageFolder', path: 'flags', fit: 'letterbox' }, { inputShape: [16, 16, 3] }]),
    ).toBeUndefined();
  });
});
