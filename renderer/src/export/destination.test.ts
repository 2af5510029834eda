import { describe, expect, it } from 'vitest';
import { folderStem } from '../../../core/model/file-names';
import { defaultExportFolder, isFullPath } from './destination';

describe('export destination', () => {
  it('names the folder after the project and the format, in the projects folder', () => {
    expect(defaultExportFolder('/home/ada/Neuroblocks', 'MNIST CNN', 'onnx')).toBe('/home/ada/Neuroblocks/exports/mnist-cnn-onnx');
    expect(defaultExportFolder('/home/ada/Neuroblocks/', 'Mon réseau', 'web')).toBe('/home/ada/Neuroblocks/exports/mon-r-seau-web');
    expect(defaultExportFolder('C:\\Users\\ada\\Neuroblocks', 'Spirals', 'tfjs')).toBe(
      'C:\\Users\\ada\\Neuroblocks\\exports\\spirals-tfjs',
    );
    expect(folderStem('***')).toBe('model');
  });

  it('accepts only full paths', () => {
    expect(isFullPath('/tmp/out')).toBe(true);
    expect(isFullPath('C:\\out')).toBe(true);
    expect(isFullPath('D:/out')).toBe(true);
    expect(isFullPath('out/model')).toBe(false);
    expect(isFullPath('')).toBe(false);
  });
});
