import { useEffect } from 'react';
import { editorStore, useEditor } from '../store/index';
import { formFromProject, trainingStore, useTraining, type SettingsForm } from './training-store';

/** The training settings being edited; a different project (opened or new) brings its own. */
export function useSettingsForm(): SettingsForm | undefined {
  const projectName = useEditor((s) => s.project.name);
  const location = useEditor((s) => s.location);
  const projectId = `${projectName}|${location ?? ''}`;
  useEffect(() => {
    const state = trainingStore.getState();
    if (state.formFor !== projectId && state.phase !== 'running' && state.phase !== 'paused')
      trainingStore.setState({ form: formFromProject(editorStore.getState().toProject()), formFor: projectId });
  }, [projectId]);
  return useTraining((s) => s.form);
}
