import i18next from 'i18next';
import type { NeuroblocksApi, OpenedProject } from '../../core/api/contract';
import type { Graph } from '../../core/model/graph';
import type { Project } from '../../core/model/project';
import { getApi } from './api';
import { withDatasetPathFrom } from './dataset-location';
import { BATCH_BYTES, toBase64 } from './data/data-import';
import { layoutPositions } from './store/layout';
import { toFlowEdge, toFlowNode } from './store/flow-graph';
import { editorStore, uiStore } from './store/index';
import { codeViewStore } from './code/code-store';
import { leaveUnrecordedModel } from './train/model-store';
import { leaveRunOfAnotherProject } from './train/training-store';
import { errorText, problemLine } from './ui/error-text';

/** Shows what went wrong; a file that could not be opened is named first, since the message says only "this project". */
function fail(error: unknown, file?: string): void {
  const text = errorText(error);
  uiStore.getState().showToast(file ? `${file} — ${text}` : text, 'error');
}

const fileName = (location: string) => location.split(/[\\/]/).pop() || location;

/** Room a block needs on the canvas, with space around it for the shape labels of its connections. */
const BLOCK_ROOM = { width: 270, height: 130 };

/** True when blocks were placed too close for this editor's block size (e.g. by hand in a JSON file). */
function crowded(graph: Graph): boolean {
  // The blocks of a collapsed base are drawn as one block: they may lie under the blocks after it.
  const collapsed = new Set((graph.groups ?? []).filter((g) => g.collapsed !== false).map((g) => g.id));
  const nodes = graph.nodes.filter((n) => !n.group || !collapsed.has(n.group));
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      const a = nodes[i].position;
      const b = nodes[j].position;
      if (a && b && Math.abs(a.x - b.x) < BLOCK_ROOM.width && Math.abs(a.y - b.y) < BLOCK_ROOM.height) return true;
    }
  }
  return false;
}

/** Shows an opened project in the editor; blocks without a position, or too close together, are laid out first. */
/** `replacing`: the opened project is the editor's own, changed on disk (its edits are in it), so nothing is asked. */
export async function showProject(opened: OpenedProject, options: { replacing?: boolean } = {}): Promise<void> {
  const { project } = opened;
  // Opening another project from a menu while this one has unsaved changes asks first.
  if (
    !options.replacing &&
    uiStore.getState().screen === 'editor' &&
    editorStore.getState().dirty &&
    !window.confirm(i18next.t('ui-editor:toolbar.leaveUnsaved'))
  )
    return;
  if (project.graph.nodes.some((n) => !n.position) || crowded(project.graph)) {
    const positions = await layoutPositions(
      project.graph.nodes.map((n) => toFlowNode(n)),
      project.graph.edges.map((e) => toFlowEdge(e)),
      editorStore.getState().direction,
    );
    for (const node of project.graph.nodes) node.position = positions[node.id] ?? node.position;
  }
  leaveUnrecordedModel();
  leaveRunOfAnotherProject();
  // The palette and the canvas are what a project opens on: panels over them close.
  codeViewStore.setState({ open: false });
  editorStore.getState().loadProject(project, opened.location);
  uiStore.getState().setScreen('editor');
}

export async function newProject(fromExample?: string): Promise<void> {
  try {
    await showProject(await getApi().newProject(fromExample ? { fromExample } : { name: i18next.t('ui-home:untitled') }));
  } catch (error) {
    fail(error);
  }
}

export async function openProject(location: string): Promise<void> {
  try {
    await showProject(await getApi().openProject(location));
  } catch (error) {
    fail(error, fileName(location));
  }
}

/** Desktop: the native dialog. Browser: the home screen's file list does the choosing. */
export async function openWithDialog(): Promise<void> {
  try {
    const location = await getApi().showOpenDialog();
    if (location) await openProject(location);
  } catch (error) {
    fail(error);
  }
}

export async function importProjectText(text: string, file?: string): Promise<void> {
  try {
    await showProject(await getApi().importProject(text));
  } catch (error) {
    fail(error, file);
  }
}

/**
 * The browser's way to open a `.nbproj` file from this computer (one received from a teacher): its
 * bytes go to the host in parts, which checks the whole file as any opened project file and keeps
 * it in the projects folder; a refused file is not kept. The host's message names the file.
 */
export async function uploadProjectFile(file: File): Promise<void> {
  try {
    const api = getApi();
    const { uploadId } = await api.startProjectUpload({ fileName: file.name });
    for (let start = 0; start < file.size; start += BATCH_BYTES)
      await api.uploadProjectPart(uploadId, toBase64(await file.slice(start, start + BATCH_BYTES).arrayBuffer()));
    await showProject(await api.finishProjectUpload(uploadId));
  } catch (error) {
    fail(error);
  }
}

/** Saves where the project already lives, or asks where (a native dialog, or a file name in the projects folder). */
export async function saveProject(): Promise<boolean> {
  const state = editorStore.getState();
  if (!state.location) return saveProjectAs();
  try {
    const saved = await getApi().saveProject(state.location, state.toProject());
    state.markSaved(saved.location);
    uiStore.getState().showToast(i18next.t('ui-editor:toast.saved', { location: saved.location }));
    return true;
  } catch (error) {
    fail(error);
    return false;
  }
}

/** The editor takes the data set path that leads to the data from the project's new place (in the same step as the place, so that nothing is autosaved into the old file). */
function keepDatasetPath(saved: Project, location: string): void {
  const { project } = editorStore.getState();
  if (saved.dataset && JSON.stringify(saved.dataset) !== JSON.stringify(project.dataset))
    editorStore.setState({ project: { ...project, dataset: saved.dataset }, location });
}

/**
 * After a save to `saved`: a `.json` copy of a `.nbproj` project is an export (the graph and the
 * settings, not the runs), so the editor stays with the project file that keeps the runs, and says so.
 * Any other save makes `saved` the project's place.
 */
function afterSaveAs(project: Project, saved: string, previous: string | undefined): void {
  const state = editorStore.getState();
  const file = (location: string) => location.split(/[\\/]/).pop() ?? location;
  if (saved.toLowerCase().endsWith('.json') && previous?.toLowerCase().endsWith('.nbproj')) {
    uiStore.getState().showToast(i18next.t('ui-editor:toast.savedJsonCopy', { file: file(saved), project: file(previous) }));
    return;
  }
  keepDatasetPath(project, saved);
  state.markSaved(saved);
  uiStore.getState().showToast(i18next.t('ui-editor:toast.saved', { location: saved }));
}

export async function saveProjectAs(extension: 'json' | 'nbproj' = 'nbproj'): Promise<boolean> {
  const state = editorStore.getState();
  const suggested = `${
    state.project.name
      .replace(/[^\p{L}\p{N}_ -]+/gu, '')
      .trim()
      .replace(/\s+/g, '-')
      .toLowerCase() || 'project'
  }.${extension}`;
  try {
    const info = await getApi().getAppInfo();
    if (info.nativeDialogs) {
      const location = await getApi().showSaveDialog(suggested);
      if (!location) return false;
      const project = withDatasetPathFrom(state.toProject(), state.location);
      const saved = await getApi().saveProject(location, project);
      afterSaveAs(project, saved.location, state.location);
      return true;
    }
    uiStore.getState().askFileName(suggested);
    return false;
  } catch (error) {
    fail(error);
    return false;
  }
}

/** The browser's Save As: a file name in the projects folder. */
export async function saveUnderFileName(fileName: string, overwrite = false): Promise<boolean> {
  const state = editorStore.getState();
  try {
    const project = withDatasetPathFrom(state.toProject(), state.location);
    const saved = await getApi().saveProjectAs(fileName, project, { overwrite });
    afterSaveAs(project, saved.location, state.location);
    return true;
  } catch (error) {
    if (
      !overwrite &&
      (error as { code?: string }).code === 'exists' &&
      window.confirm(i18next.t('ui-editor:saveAs.replace', { name: fileName }))
    )
      return saveUnderFileName(fileName, true);
    fail(error);
    return false;
  }
}

/**
 * Sends every graph or settings change of a project opened from a `.nbproj` file to be autosaved
 * (the host waits for a pause in the edits, at most about a second). Project JSON is written only
 * on Save. A success marks the editor saved; a failure is shown once, until an autosave succeeds again.
 */
export function bindAutosave(api: NeuroblocksApi): () => void {
  let sent: { location?: string; text?: string } = {};
  let lastError: string | undefined;
  const report = (message: string) => {
    if (message !== lastError) uiStore.getState().showToast(message, 'error');
    lastError = message;
  };
  const stopEvents = api.onAutosave((update) => {
    if (update.error) return report(problemLine(update.error));
    lastError = undefined;
    // The file now holds the edits: the editor is saved, unless it changed again since they were sent.
    const state = editorStore.getState();
    if (update.location === state.location && update.location === sent.location && JSON.stringify(state.toProject()) === sent.text)
      state.markSaved();
  });
  const stopStore = editorStore.subscribe((state, previous) => {
    const changed =
      state.graph !== previous.graph ||
      state.project !== previous.project ||
      state.dragging !== previous.dragging ||
      state.location !== previous.location;
    if (!changed || state.dragging || !state.location?.toLowerCase().endsWith('.nbproj')) return;
    const project = state.toProject();
    const text = JSON.stringify(project);
    // Just opened, or saved under this name: the file already holds what the editor shows.
    if (sent.location !== state.location) {
      sent = { location: state.location, text };
      return;
    }
    if (text === sent.text) return;
    sent.text = text;
    api.autosaveProject(state.location, project).catch((error: unknown) => report(errorText(error)));
  });
  return () => {
    stopEvents();
    stopStore();
  };
}
