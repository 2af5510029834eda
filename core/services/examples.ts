// The example projects that ship in `projects/`, readable JSON.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserFacingError, type ExampleSummary } from '../api/contract';
import { problem } from '../i18n/catalogue';
import { analyzeGraph } from '../model/analyze';
import type { Project } from '../model/project';
import { jsonProjectFormat } from './project-files';

/** `projects/` at the root of the source tree (the packaged app passes its own location). */
export const sourceExamplesDir = fileURLToPath(new URL('../../projects/', import.meta.url));

const EXAMPLE_ID = /^[a-z0-9][a-z0-9-]{0,99}$/;

export class ExampleLibrary {
  constructor(readonly directory: string = sourceExamplesDir) {}

  async ids(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.directory);
    } catch {
      return [];
    }
    return names
      .filter((n) => n.endsWith('.json'))
      .map((n) => n.slice(0, -'.json'.length))
      .filter((id) => EXAMPLE_ID.test(id))
      .sort();
  }

  async list(): Promise<ExampleSummary[]> {
    const summaries: ExampleSummary[] = [];
    for (const id of await this.ids()) {
      let project: Project;
      try {
        project = await this.read(id);
      } catch {
        continue; // A damaged example is left out rather than breaking the list.
      }
      const analysis = analyzeGraph(project.graph, { loss: project.training.loss });
      const summary: ExampleSummary = { id, name: project.name, blockCount: project.graph.nodes.length };
      if (project.description) summary.description = project.description;
      if (analysis.valid) summary.totalParams = analysis.totalParams;
      summaries.push(summary);
    }
    return summaries;
  }

  async read(id: string): Promise<Project> {
    if (typeof id !== 'string' || !EXAMPLE_ID.test(id) || !(await this.ids()).includes(id)) {
      throw new UserFacingError(problem('project:noSuchExample', { id: JSON.stringify(id) }), 'not-found');
    }
    return jsonProjectFormat.read(path.join(this.directory, `${id}.json`));
  }
}
