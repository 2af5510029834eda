// The pretrained bases area of the API: the catalogue with each weights file's state, downloads,
// and a base added to a project (its graph and weights kept in the `.nbproj` file).
import type { AddedPretrainedBase, PretrainedBaseInfo, PretrainedBasesApi } from '../api/contract';
import type { Project } from '../model/project';
import { withPortableDatasetPath } from './dataset-import';
import { checkedProject, runsFile, withRunStore } from './project-access';
import type { ServiceContext } from './service-context';

export class PretrainedService implements PretrainedBasesApi {
  constructor(private readonly context: ServiceContext) {}

  listPretrainedBases(): Promise<PretrainedBaseInfo[]> {
    return this.context.pretrained.list();
  }

  downloadPretrainedBase(baseId: string): Promise<PretrainedBaseInfo> {
    return this.context.pretrained.download(baseId);
  }

  async addPretrainedBase(request: { location: string; project: Project; baseId: string }): Promise<AddedPretrainedBase> {
    const project = checkedProject(request.project);
    const file = await runsFile(this.context, request.location);
    return this.context.pretrained.add(request.baseId, project, (next, weights, source) =>
      withRunStore(this.context, request.location, { readOnly: false }, (store) => {
        store.save(withPortableDatasetPath(next, file), `Pretrained base: ${source}`);
        store.setPretrained(weights, source);
      }),
    );
  }
}
