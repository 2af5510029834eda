import { describe, expect, it } from 'vitest';
import { cameraFolderFiles, dataUrlBytes, type CameraClass } from './camera';

const png = (byte: number) => `data:image/png;base64,${btoa(String.fromCharCode(0x89, 0x50, 0x4e, 0x47, byte))}`;
const cls = (id: number, name: string, shots: number): CameraClass => ({
  id,
  name,
  shots: Array.from({ length: shots }, (_, i) => ({ id: id * 100 + i, url: png(i) })),
});

describe('camera images as an image folder', () => {
  it('makes one sub-folder per recorded class, with numbered PNG files holding the recorded bytes', async () => {
    const result = cameraFolderFiles([cls(1, ' thumbs up ', 2), cls(2, 'flat hand', 1), cls(3, 'unused', 0)]);
    if (!('files' in result)) throw new Error(`refused: ${result.problem}`);
    expect(result.files.map((f) => f.path)).toEqual(['thumbs up/0001.png', 'thumbs up/0002.png', 'flat hand/0001.png']);
    expect(Array.from(new Uint8Array(await result.files[1].read()))).toEqual([0x89, 0x50, 0x4e, 0x47, 1]);
    expect(result.files[1].size).toBe(5);
  });

  it('needs two classes with images, and different names a folder can take', () => {
    expect(cameraFolderFiles([cls(1, 'a', 3), cls(2, 'b', 0)])).toEqual({ problem: 'needTwo' });
    expect(cameraFolderFiles([cls(1, 'same', 1), cls(2, 'Same', 1)])).toEqual({ problem: 'badNames' });
    expect(cameraFolderFiles([cls(1, 'a/b', 1), cls(2, 'c', 1)])).toEqual({ problem: 'badNames' });
    expect(cameraFolderFiles([cls(1, '  ', 1), cls(2, 'c', 1)])).toEqual({ problem: 'badNames' });
    expect(cameraFolderFiles([cls(1, '.hidden', 1), cls(2, 'c', 1)])).toEqual({ problem: 'badNames' });
  });

  it('reads the bytes of a data URL', () => {
    expect(Array.from(dataUrlBytes(png(255)))).toEqual([0x89, 0x50, 0x4e, 0x47, 255]);
  });
});
