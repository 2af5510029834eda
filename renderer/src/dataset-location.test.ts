import { describe, expect, it } from 'vitest';
import type { DatasetRef } from '../../core/model/project';
import { withDatasetPathFrom } from './dataset-location';

const project = (dataset?: DatasetRef) => ({ dataset });

describe('the data set path of a project saved as another file', () => {
  it('leads to the same data from the folder the project came from', () => {
    expect(
      withDatasetPathFrom(project({ kind: 'imageFolder', path: 'datasets/shapes' }), '/home/ana/Neuroblocks/shapes.nbproj').dataset,
    ).toEqual({
      kind: 'imageFolder',
      path: '/home/ana/Neuroblocks/datasets/shapes',
    });
    expect(
      withDatasetPathFrom(project({ kind: 'csv', path: 'data/iris.csv', labelColumn: 'species' }), 'C:\\Users\\ana\\iris.nbproj').dataset,
    ).toEqual({
      kind: 'csv',
      path: 'C:\\Users\\ana\\data\\iris.csv',
      labelColumn: 'species',
    });
  });

  it('keeps built-in sets, absolute paths and the paths of a project that comes from no file', () => {
    const builtin = project({ kind: 'builtin', name: 'mnist' });
    expect(withDatasetPathFrom(builtin, '/p/a.nbproj')).toBe(builtin);
    const absolute = project({ kind: 'imageFolder', path: '/data/shapes' });
    expect(withDatasetPathFrom(absolute, '/p/a.nbproj')).toBe(absolute);
    const unsaved = project({ kind: 'imageFolder', path: 'datasets/shapes' });
    expect(withDatasetPathFrom(unsaved, undefined)).toBe(unsaved);
    expect(withDatasetPathFrom(project(), '/p/a.nbproj')).toEqual(project());
  });
});
