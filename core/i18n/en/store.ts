// How the project store (core/store: .nbproj files, their runs and weights) and the run history
// word their problems, in English.
export const store = {
  // What was being done when a write failed: "Could not save the project: …".
  action_open: 'open the project',
  action_create: 'create the project file',
  action_save: 'save the project',
  action_autosave: 'autosave the project',
  action_restore: 'restore the version',
  action_import: 'import the project',
  action_recordDataset: 'record the data set',
  action_keepPretrained: 'keep the pretrained weights',
  action_removePretrained: 'remove the pretrained weights',
  action_startRun: 'start recording the run',
  action_recordEpoch: 'record epoch {{epoch}}',
  action_saveCheckpoint: 'save the checkpoint of epoch {{epoch}}',
  action_finishRun: 'finish the run',
  action_recordEvaluation: 'record the evaluation',
  action_recordExport: 'record the export',
  action_deleteRun: 'delete run {{runId}}',
  action_resumeRun: 'resume run {{runId}}',
  action_saveCopy: 'save a copy of the project',
  writeDiskFull:
    'Could not $t(store:action_{{action}}): the disk is full (or the project reached its size limit). Nothing was lost: {{path}} still holds what was saved before. Free some disk space and try again.',
  writeReadOnly:
    'Could not $t(store:action_{{action}}): {{path}} is read-only (the file or its folder cannot be written to). Nothing was lost; use "Save as" to keep your work in a folder you can write to.',
  writeBusy:
    'Could not $t(store:action_{{action}}): {{path}} is being written by another Neuroblocks window or program. Try again in a moment.',
  writeDamaged:
    'Could not $t(store:action_{{action}}): {{path}} is damaged. Open a backup, or use "Save as" from a window that still has the project open.',
  writeIo:
    'Could not $t(store:action_{{action}}): the disk reported an error while writing {{path}} ({{code}}). Nothing that was saved before was lost; check the disk and try again.',
  openReadOnly: 'Could not $t(store:action_{{action}}): {{path}} is open read-only. Use "Save as" to keep your work elsewhere.',
  openReadOnly_reason:
    'Could not $t(store:action_{{action}}): {{path}} is open read-only ({{reason, problem}}). Use "Save as" to keep your work elsewhere.',
  notWritable: '{{path}} or its folder cannot be written to',
  fileReadOnly: 'the file is read-only',
  /** An error told inside another one, as it was given (when it has no problem of its own). */

  // The project file as it is opened (core/store/inspect.ts).
  notFound: '{{path}} does not exist.',
  notAFile: '{{path}} is a folder or a device, not a project file.',
  cannotRead: 'Cannot read {{path}}: {{detail}}.',
  cannotRead_denied: 'Cannot read {{path}}: permission denied.',
  notProject_json:
    '{{path}} is not a Neuroblocks project file: it looks like JSON. If it is a project JSON, import it (it will be saved as a new project file).',
  notProject_empty: '{{path}} is not a Neuroblocks project file: it is empty.',
  notProject_sqlite: '{{path}} is not a Neuroblocks project file: it is not an SQLite database.',
  otherProgram: '{{path}} is an SQLite database of another program, not a Neuroblocks project file. It was left unchanged.',
  truncated:
    '{{path}} is damaged: it is shorter than it should be ({{size, number}} bytes instead of {{expected, number}}), perhaps an interrupted copy or download. It was left unchanged.',
  cannotOpenAsProject: '{{path}} cannot be opened as a project file ({{detail}}). It was left unchanged.',
  newerVersion:
    '{{path}} was saved by a newer version of Neuroblocks (file version {{version}}; this one reads up to version {{supported}}). Update Neuroblocks to open it. The file was left unchanged.',
  unknownVersion:
    '{{path}} has an unknown file version ({{version}}); it is not a project file this Neuroblocks can read. It was left unchanged.',
  failedCheck: '{{path}} is damaged ({{problems}}). It was left unchanged; open a backup or a copy sent to you before.',
  layout_extra: '{{path}} does not have the layout of a Neuroblocks project file (unexpected {{extra, join}}). It was left unchanged.',
  layout_missing: '{{path}} does not have the layout of a Neuroblocks project file (missing {{missing, join}}). It was left unchanged.',
  layout_both:
    '{{path}} does not have the layout of a Neuroblocks project file (unexpected {{extra, join}}; missing {{missing, join}}). It was left unchanged.',
  noFormatTag: '{{path}} is not a Neuroblocks project file (its format tag is missing). It was left unchanged.',
  damaged: '{{path}} is damaged ({{detail}}). It was left unchanged; open a backup.',
  cannotReadAsProject: '{{path}} cannot be read as a project file ({{detail}}). It was left unchanged.',
  valueTooLarge: '{{path}} holds a value larger than Neuroblocks accepts ({{bytes}} bytes, at most {{max}}). It was left unchanged.',
  projectMissing:
    '{{path}} is damaged: its project (graph and settings) is missing. It was left unchanged. Open a backup or a copy sent to you before.',
  projectUnreadable:
    '{{path}} is damaged: its project (graph and settings) cannot be read ({{reason, problem}}). It was left unchanged. Open a backup or a copy sent to you before.',

  // The same refusals of a file received by upload (core/services/project-upload.ts), of which nothing is kept.
  otherProgram_upload: '{{path}} is an SQLite database of another program, not a Neuroblocks project file. Nothing was kept.',
  truncated_upload:
    '{{path}} is damaged: it is shorter than it should be ({{size, number}} bytes instead of {{expected, number}}), perhaps an interrupted copy or download. Nothing was kept.',
  cannotOpenAsProject_upload: '{{path}} cannot be opened as a project file ({{detail}}). Nothing was kept.',
  newerVersion_upload:
    '{{path}} was saved by a newer version of Neuroblocks (file version {{version}}; this one reads up to version {{supported}}). Update Neuroblocks to open it. Nothing was kept.',
  unknownVersion_upload:
    '{{path}} has an unknown file version ({{version}}); it is not a project file this Neuroblocks can read. Nothing was kept.',
  failedCheck_upload: '{{path}} is damaged ({{problems}}). Nothing was kept; open a backup or a copy sent to you before.',
  layout_extraUpload: '{{path}} does not have the layout of a Neuroblocks project file (unexpected {{extra, join}}). Nothing was kept.',
  layout_missingUpload: '{{path}} does not have the layout of a Neuroblocks project file (missing {{missing, join}}). Nothing was kept.',
  layout_bothUpload:
    '{{path}} does not have the layout of a Neuroblocks project file (unexpected {{extra, join}}; missing {{missing, join}}). Nothing was kept.',
  noFormatTag_upload: '{{path}} is not a Neuroblocks project file (its format tag is missing). Nothing was kept.',
  damaged_upload: '{{path}} is damaged ({{detail}}). Nothing was kept; open a backup.',
  cannotReadAsProject_upload: '{{path}} cannot be read as a project file ({{detail}}). Nothing was kept.',
  valueTooLarge_upload: '{{path}} holds a value larger than Neuroblocks accepts ({{bytes}} bytes, at most {{max}}). Nothing was kept.',
  projectMissing_upload:
    '{{path}} is damaged: its project (graph and settings) is missing. Nothing was kept. Open a backup or a copy sent to you before.',
  projectUnreadable_upload:
    '{{path}} is damaged: its project (graph and settings) cannot be read ({{reason, problem}}). Nothing was kept. Open a backup or a copy sent to you before.',

  // The project and its versions (core/store/project-store.ts).
  olderNeedsWrite:
    '{{path}} was made by an older Neuroblocks and must be upgraded before it can be opened, which needs write access. Copy it to a folder you can write to and open the copy.',
  closed: 'The project {{path}} is closed.',
  projectTooLarge: 'The project is too large to save ({{bytes}} bytes of JSON, at most {{max}}).',
  autosaveReadOnly: '{{path}} is open read-only; changes cannot be saved to it. Use "Save as".',
  versionNotFound: 'Version {{id}} does not exist in this project.',
  copyOverItself: 'A copy cannot be saved over the project it is copied from.',
  // A value stored in the file, for the sentences about stored values.
  what_currentProject: 'the current project',
  what_version: 'version {{id}}',
  what_datasetSummary: 'a data set summary',
  what_checkpointMetrics: 'checkpoint metrics',
  what_runTraining: 'the training settings of run {{runId}}',
  what_runGraph: 'the graph of run {{runId}}',
  what_evaluationLabels: 'evaluation labels',
  what_confusion: 'a confusion matrix',
  what_exportDetails: 'export details',
  storedMissing: 'The project file is damaged: $t(store:what_{{what}}) is missing.',
  storedTooLarge: 'The project file holds $t(store:what_{{what}}) larger than Neuroblocks accepts.',
  storedUnreadable: 'The project file is damaged: $t(store:what_{{what}}) is not readable.',
  storedProjectUnreadable: 'The project file holds $t(store:what_{{what}}) that cannot be read: {{reason, problem}}',
  exists: '{{path}} already exists. Choose another name or open it instead.',

  // Runs, epochs, checkpoints (core/store/runs.ts, record-training.ts).
  status_running: 'running',
  status_completed: 'completed',
  status_stopped: 'stopped',
  status_earlyStopped: 'early-stopped',
  status_diverged: 'diverged',
  status_interrupted: 'interrupted',
  status_failed: 'failed',
  checkpointOf_best: 'best',
  checkpointOf_last: 'last',
  runAction_recordEpoch: 'record an epoch of',
  runAction_saveCheckpoint: 'save a checkpoint of',
  runAction_mark: 'mark as $t(store:status_{{newStatus}})',
  datasetTooLarge:
    'The data set is too large to keep inside the project ({{bytes}} bytes, at most {{max}}); keep it as a file next to the project instead.',
  embeddedTooLarge: 'The embedded data set is larger than Neuroblocks accepts.',
  runNotFound: 'Run {{runId}} does not exist in this project.',
  notRunning: 'Cannot $t(store:runAction_{{action}}) run {{runId}}: it is $t(store:status_{{status}}), not running.',
  epochOrder: 'Run {{runId}} expects epoch {{expected}} next, not {{epoch}}.',
  weightsTooLarge: "The model's weights ({{bytes}} bytes) are larger than a project file accepts ({{max}} bytes).",
  checkpointAs: 'A checkpoint must be saved as the last one, the best one, or both.',
  noCheckpoint: 'Run {{runId}} has no $t(store:checkpointOf_{{which}}) checkpoint.',
  checkpointTooLarge: 'The $t(store:checkpointOf_{{which}}) checkpoint of run {{runId}} is larger than Neuroblocks accepts.',
  checkpointDamaged:
    'The $t(store:checkpointOf_{{which}}) checkpoint of run {{runId}} is damaged (its weights do not match their checksum).',
  optimizerDamaged:
    "The $t(store:checkpointOf_{{which}}) checkpoint of run {{runId}} is damaged (the optimizer's state does not match its checksum).",
  notAStatus: '"{{status}}" is not a run status ({{statuses, join}}).',
  setRunning: 'A run is set running by starting or resuming it.',
  confusionShape: 'A confusion matrix must be a list of rows of numbers.',
  notResumable: 'Run {{runId}} is $t(store:status_{{status}}); only an interrupted or stopped run can be resumed.',
  resumeNoCheckpoint: 'Run {{runId}} cannot be resumed: it has no checkpoint (it stopped before its first one was saved).',
  resumeFinished:
    'Run {{runId}} is $t(store:status_{{status}}): it already trained to its end, so there is nothing to resume. Start a new run instead.',
  resumeIncomplete:
    'Run {{runId}} cannot be resumed: its last checkpoint is from epoch {{epoch}} but the metrics of epochs up to {{upTo}} are incomplete. Start a new run instead.',
  resumeIncomplete_none:
    'Run {{runId}} cannot be resumed: its last checkpoint is from epoch {{epoch}} but the metrics of epochs before it are incomplete. Start a new run instead.',
  booleanWeight: 'The checkpoint\'s weight "{{name}}" is boolean, which training cannot load.',

  // Weights as stored (core/store/weights.ts, pretrained.ts).
  unsupportedType: 'Weight "{{name}}" has the unsupported type "{{dtype}}".',
  valueCount: 'Weight "{{name}}" has {{count}} values but its shape [{{shape}}] needs {{expected}}.',
  damage_notBlob: 'not a weights blob',
  damage_format: 'unknown weights format {{format}}',
  damage_headerPastEnd: 'header runs past the end',
  damage_header: 'unreadable header',
  damage_notList: 'header is not a list of tensors',
  damage_malformed: 'tensor {{index}} is malformed',
  damage_shape: 'tensor "{{name}}" has a bad shape',
  damage_size: 'tensor "{{name}}" has a bad size or offset',
  damage_pastEnd: 'tensor "{{name}}" runs past the end',
  weightsDamaged: "The checkpoint's weights are damaged ($t(store:damage_{{damage}})).",
  pretrainedName: 'The pretrained weight "{{name}}" does not name its block (expected "block/weight", e.g. "conv1/kernel").',
  pretrainedTooLarge: 'The pretrained weight {{name}} ({{bytes}} bytes) is larger than a project file accepts ({{max}} bytes).',
  pretrainedTooLargeToRead: 'The pretrained weight {{name}} is larger than Neuroblocks accepts.',
  pretrainedDamaged: 'The pretrained weight {{name}} of this project is damaged (it does not match its checksum). Add the base again.',

  // A file the user named, read safely (core/store/regular-file.ts).
  kind_fifo: 'a named pipe',
  kind_device: 'a device',
  kind_socket: 'a socket',
  kind_other: 'not a regular file',
  openFolder: 'Cannot open {{path}}: it is a folder, not a file.',
  openNotRegular: 'Cannot open {{path}}: it is $t(store:kind_{{kind}}), not a file. Choose a project file saved by Neuroblocks.',
  openTooLarge: 'Cannot open {{path}}: it is larger than a project file can be (at most {{max, decimal}} MB).',
  openTooLarge_size: 'Cannot open {{path}}: at {{size, decimal}} MB it is larger than a project file can be (at most {{max, decimal}} MB).',
  openNotFound: 'Cannot open {{path}}: the file does not exist.',
  openDenied: 'Cannot open {{path}}: permission denied.',
  openFailed: 'Cannot open {{path}}: {{detail}}.',

  // The run history behind the API (core/services/run-history.ts, runs-service.ts, run-as-base.ts).
  runId: 'A run is named by its number (1, 2, 3…), not {{value}}.',
  compareTwo: 'Choose exactly two runs to compare.',
  compareDifferent: 'Choose two different runs to compare.',
  runGone: 'Run {{runId}} is not in this project any more (it may have been deleted already).',
  deleteRunning: 'Run {{runId}} is training right now, so it cannot be deleted. Stop it first (Train tab, Stop), then delete it.',
  targetMissing: '{{name}} was not found ({{path}}): it may have been moved or deleted. Choose another project file, or a new project.',
  targetReadOnly:
    '{{name}} is read-only, so the base cannot be saved into it; it was left as it is. Make the file writable, or choose a new project.',
  baseNeedsFile: 'A pretrained base keeps its weights only in a {{extension}} project file, which this app cannot write.',
  baseNeedsFile_target:
    'A pretrained base keeps its weights only in a {{extension}} project file; {{name}} would keep the graph without them. Choose a {{extension}} project, or a new project.',
  baseRunMissing: 'Run {{runId}} is not in this project (it may have been deleted).',
  baseRunTraining: 'Run {{runId}} is still training: wait until it ends, then use it as a base.',
  baseNoWeights:
    'Run {{runId}} kept no weights (it ended before its first epoch did), so it cannot be a pretrained base. Train the project again, or choose another run.',
  baseNoClassifier:
    'The network of run {{runId}} has no Dense classifier to cut before: choose the block the base ends with (one of {{choices, quoted}}).',
  baseNoBlock: 'The network of run {{runId}} has no block "{{upTo}}" to cut after: choose one of {{choices, quoted}}.',
  baseNoBlock_input:
    'The network of run {{runId}} has no block "{{upTo}}" to cut after (an Input cannot end a base): choose one of {{choices, quoted}}.',
  baseShape:
    'The base from run {{runId}} of {{project}} takes inputs of shape {{shape, shape}}, but the Input block "{{input}}" of the new project has the shape {{targetShape, shape}}. Set that Input\'s shape to {{shape, shape}} (and use data of that shape), or choose another project.',
  baseShape_named:
    'The base from run {{runId}} of {{project}} takes inputs of shape {{shape, shape}}, but the Input block "{{input}}" of "{{target}}" has the shape {{targetShape, shape}}. Set that Input\'s shape to {{shape, shape}} (and use data of that shape), or choose another project.',

  // A recorded run loaded to be tried (core/services/run-model.ts): a warning: the run is loaded all the same.
  evaluationNotKept: 'This evaluation could not be kept in {{file}} ({{reason, problem}}), so it will be computed again next time.',
  evaluationNotKept_error: 'This evaluation could not be kept in {{file}}, so it will be computed again next time. {{reason, problem}}',
  cannotCreate: 'Cannot create {{path}}: {{reason, problem}}. Choose another name.',

  // The words a run ended with, as the project file keeps them (core/store/run-message.ts).
  runInterrupted: 'The training stopped unexpectedly (the app or computer stopped); completed epochs were kept.',
  recordingStopped: 'Recording stopped: {{why, problem}}',
  recordedText: '{{text}}',
} as const;
