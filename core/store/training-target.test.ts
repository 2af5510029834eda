import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from './project-store';
import { isProjectFile, openTrainingTarget } from './training-target';
import { smallProject } from './test-helpers';
import { tempDirPerTest } from './test-dir';

let dir: string;
tempDirPerTest((path) => (dir = path));

function json(name = 'p.json', project = smallProject()): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(project));
  return path;
}

describe('training targets', () => {
  it('trains JSON without recording when no file is given', async () => {
    const target = await openTrainingTarget(json());
    expect(target.project.name).toBe('Small MLP');
    expect(target.store).toBeUndefined();
    expect(target.baseDir).toBe(dir);
    target.close();
  });

  it('creates the project file from the JSON when it does not exist, and describes the data', async () => {
    const save = join(dir, 'new.nbproj');
    const target = await openTrainingTarget(json(), { save });
    expect(target.store?.path).toBe(save);
    expect(target.store?.project()).toEqual(smallProject());
    expect(target.dataset).toMatchObject({ kind: 'builtin', name: 'spirals', contentHash: expect.stringMatching(/^sha256:/) });
    target.close();
    expect(isProjectFile(save)).toBe(true);
  });

  it('records into an existing file, training the JSON given', async () => {
    const save = join(dir, 'existing.nbproj');
    ProjectStore.create(save, smallProject('In the file')).close();
    const target = await openTrainingTarget(json('other.json', smallProject('From JSON')), { save });
    expect(target.project.name).toBe('From JSON');
    expect(target.store?.project().name).toBe('In the file');
    target.close();
  });

  it('trains a project file and records into it, or into another file', async () => {
    const file = join(dir, 'course.nbproj');
    ProjectStore.create(file, smallProject('Course')).close();
    const same = await openTrainingTarget(file);
    expect(same.project.name).toBe('Course');
    expect(same.store?.path).toBe(file);
    same.close();
    const other = join(dir, 'mine.nbproj');
    const copy = await openTrainingTarget(file, { save: other });
    expect(copy.store?.project().name).toBe('Course');
    copy.close();
  });

  it('explains a missing input', async () => {
    await expect(openTrainingTarget(join(dir, 'missing.json'))).rejects.toThrow(/does not exist/);
  });
});
