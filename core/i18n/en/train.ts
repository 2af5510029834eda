// How training (core/train, the training service) words its problems and notices, in English.
export const train = {
  // Backends of the TensorFlow.js engine.
  backendLoadFailed: '{{package}} is installed but failed to load: {{why}}',
  backendBindingMissing:
    '{{package}} is installed but its native part ({{file}}) is missing: it was not built for this computer (`npm rebuild {{package}}` builds it)',
  backendNotInstalled: '{{package}} is not installed (optional dependency; `npm install {{package}}` adds it)',
  noCudaGpu: 'no CUDA GPU is visible (nvidia-smi is missing or lists no GPU)',
  backendFailed: 'it failed to start: {{why, cause}}',
  // The page's GPU rungs (WebGPU, then WebGL), each skipped with why.
  pageNoWebGpu: 'this browser offers no WebGPU (navigator.gpu is missing)',
  pageNoAdapter: 'WebGPU found no usable GPU adapter (the GPU may be blocked or its driver too old)',
  pageWebGpuBackend: 'the TensorFlow.js WebGPU backend could not start on this adapter',
  pageNoWebGl: 'WebGL is not available to this page’s workers',
  pageLeftOut: 'left out for this run',
  pageBrowserSaid: 'the browser reported: {{message}}',
  pageTrainingFailed: 'training failed on it: {{why, problem}}',
  pageWorkerNotStarted: 'the training worker could not start: {{message}}',
  pageWorkerFailed: 'the training worker failed: {{message}}',
  pageWorkerNotLoaded: 'the training worker failed: it could not be loaded',
  pageRunFailed: 'Training in this page failed: {{why}}',
  pageReportRefused: "The page's training report was refused: {{detail}}.",
  noPageRun: 'No run is waiting to be trained in this page: start training with the GPU engine first.',
  noDataPart: "The run's data come in {{parts}} parts, numbered from 0: there is no part {{part}}.",
  pageClosed_one:
    'The page training this run on its GPU was closed after {{count}} epoch. The epochs it completed are kept; continue the run from the Runs tab.',
  pageClosed_other:
    'The page training this run on its GPU was closed after {{count}} epochs. The epochs it completed are kept; continue the run from the Runs tab.',
  stoppedBeforeStart: 'Stopped by you before training began.',
  webgpuRefused: 'the block "{{id}}" ({{type}}) would not train correctly on WebGPU: {{why, problem}}',
  // The run itself.
  diverged:
    'Training diverged: the loss became infinite or NaN in epoch {{epoch}}, batch {{batch}}. The model keeps its last finite weights. Lower the learning rate (it was {{learningRate, decimal}}; try {{lower, decimal}}) and train again.',
  noTrainingSample: 'The validation split of {{split, decimal}} leaves no sample to train on: lower it or use more data.',
  checkpointMismatch_one:
    'The checkpoint does not fit this model ({{count}} weight saved, the model has {{modelWeights}} of other shapes): it was saved from another graph. Train the project again instead of resuming.',
  checkpointMismatch_other:
    'The checkpoint does not fit this model ({{count}} weights saved, the model has {{modelWeights}} of other shapes): it was saved from another graph. Train the project again instead of resuming.',
  tensorsLeaked_one: '{{count}} tensor was not released after training.',
  tensorsLeaked_other: '{{count}} tensors were not released after training.',
  stoppedComputingBase: 'Stopped by you while the frozen base was being computed, before epoch {{epoch}}.',
  optimizerRestarted:
    "Resumed from the checkpoint of epoch {{epoch}}. Its optimizer state was not saved (a project file of an older version), so the optimizer restarts: momentum and Adam's averages build up again.",
  workerFailed: 'The training worker failed: {{why, cause}}',
  workerExited:
    'The training worker ended unexpectedly (exit code {{exitCode}}). Train again; if it happens again, use a smaller batch size or a smaller model: memory may have run out.',
  // The frozen base computed once.
  notDeterministicAugmentation: 'the augmentation block {{type}} "{{id}}" comes before them: it changes every image at every epoch',
  notDeterministicDropout: 'the {{type}} "{{id}}" block comes before them: it drops other values at every step',
  notDeterministicTrainable: 'the trainable block {{type}} "{{id}}" comes before them: its outputs change as it learns',
  notDeterministicBefore: 'a block before {{type}} "{{id}}" changes from step to step',
  allFrozen: 'every block up to the output is frozen, so nothing would train: set `trainable` on the blocks to train',
  frozenEveryStep: 'The frozen blocks run at every step: {{why, problem}}.',
  frozenBaseOff_one: 'The frozen base ({{count}} block) runs at every step: computing it once was turned off for this run.',
  frozenBaseOff_other: 'The frozen base ({{count}} blocks) runs at every step: computing it once was turned off for this run.',
  frozenBaseOffGroup_one:
    'The frozen base "{{group}}" ({{count}} block) runs at every step: computing it once was turned off for this run.',
  frozenBaseOffGroup_other:
    'The frozen base "{{group}}" ({{count}} blocks) runs at every step: computing it once was turned off for this run.',
  frozenBaseTooLarge_one:
    'The frozen base ({{count}} block) runs at every step: its outputs for the {{samples, number}} training and validation images would take {{need, bytes}}, more than the {{room, bytes}} set aside for them. Fewer images, or a base that ends with a smaller output (after a pooling block), would let it be computed once.',
  frozenBaseTooLarge_other:
    'The frozen base ({{count}} blocks) runs at every step: its outputs for the {{samples, number}} training and validation images would take {{need, bytes}}, more than the {{room, bytes}} set aside for them. Fewer images, or a base that ends with a smaller output (after a pooling block), would let it be computed once.',
  frozenBaseTooLargeGroup_one:
    'The frozen base "{{group}}" ({{count}} block) runs at every step: its outputs for the {{samples, number}} training and validation images would take {{need, bytes}}, more than the {{room, bytes}} set aside for them. Fewer images, or a base that ends with a smaller output (after a pooling block), would let it be computed once.',
  frozenBaseTooLargeGroup_other:
    'The frozen base "{{group}}" ({{count}} blocks) runs at every step: its outputs for the {{samples, number}} training and validation images would take {{need, bytes}}, more than the {{room, bytes}} set aside for them. Fewer images, or a base that ends with a smaller output (after a pooling block), would let it be computed once.',
  frozenBaseCached_one: 'The frozen base ({{count}} block) is computed once per image; only the head trains.',
  frozenBaseCached_other: 'The frozen base ({{count}} blocks) is computed once per image; only the head trains.',
  frozenBaseCachedGroup_one: 'The frozen base "{{group}}" ({{count}} block) is computed once per image; only the head trains.',
  frozenBaseCachedGroup_other: 'The frozen base "{{group}}" ({{count}} blocks) is computed once per image; only the head trains.',
  // The user's PyTorch.
  noPythonAt: 'No Python at {{python}}: set the Python path in the settings or NEUROBLOCKS_PYTHON.',
  pythonSilent: '{{python}} did not answer within {{seconds, decimal}} s when asked for torch.',
  pythonUnusable: '{{python}} is not a Python that Neuroblocks can use (it answered: {{said}}).',
  pythonNoTorch: '{{python}} (Python {{version}}) has no torch: install PyTorch for it (pip install torch) or choose another Python.',
  torchTooOld: '{{python}} has torch {{torch}}, too old: the PyTorch engine needs torch {{needed}} or newer.',
  pythonNoNumpy: '{{python}} has torch but not numpy, which the PyTorch engine needs: install numpy for it.',
  noPython: 'No Python found: install Python 3 with PyTorch, or set its path in the settings or in NEUROBLOCKS_PYTHON.',
  pytorchUnavailable:
    'The PyTorch engine is not available: {{why, problem}} Train with the TensorFlow.js engine instead, or install PyTorch.',
  pytorchNoPythonWithTorch:
    'The PyTorch engine is not available: no Python with torch was found. Train with the TensorFlow.js engine instead, or install PyTorch.',
  pytorchFailed: 'The PyTorch engine failed: {{why}}',
  pytorchFailedWith: 'The PyTorch engine failed: {{why, problem}}',
  pytorchCannotStart: 'The PyTorch engine failed: {{python}} could not be started ({{said}}).',
  pytorchRankExited: 'The PyTorch engine failed: process {{rank}} of {{nproc}} exited with code {{code}}.',
  pytorchRankExitedSaid: 'The PyTorch engine failed: process {{rank}} of {{nproc}} exited with code {{code}}: {{said}}',
  pytorchRankSignal: 'The PyTorch engine failed: process {{rank}} of {{nproc}} was ended by the signal {{signal}}.',
  pytorchRankSignalSaid: 'The PyTorch engine failed: process {{rank}} of {{nproc}} was ended by the signal {{signal}}: {{said}}',
  pytorchNoStop: 'The PyTorch engine did not stop within {{seconds, decimal}} s of being asked to and was ended.',
  pytorchExited: 'The PyTorch engine exited with code {{code}} before the end of the run.',
  pytorchExitedSaid: 'The PyTorch engine exited with code {{code}} before the end of the run: {{said}}',
  pytorchSignal: 'The PyTorch engine was ended by the signal {{signal}} before the end of the run.',
  pytorchSignalSaid: 'The PyTorch engine was ended by the signal {{signal}} before the end of the run: {{said}}',
  pytorchKilled:
    'The PyTorch engine was ended by the signal {{signal}} (the system may have run out of memory: try a smaller batch size or model) before the end of the run.',
  pytorchKilledSaid:
    'The PyTorch engine was ended by the signal {{signal}} (the system may have run out of memory: try a smaller batch size or model) before the end of the run: {{said}}',
  pytorchGarbage:
    'The PyTorch engine printed something that is not one of its events: "{{line}}". Check that {{python}} runs the engine unchanged (no sitecustomize or startup script printing to the output).',
  weightNotInModule:
    'The weight "{{name}}" has no place in the PyTorch module: this graph cannot train on the PyTorch engine. Train it with the TensorFlow.js engine.',
  // A job folder trained elsewhere with the user's PyTorch.
  jobFolderTaken: '{{folder}} already exists and is not an empty folder: give --out a new or empty folder for the job.',
  notAJobNoManifest:
    '{{folder}} is not a Neuroblocks job folder: it has no job.json. Give the folder written by `neuroblocks export FILE --format job`.',
  notAJobUnreadable:
    '{{folder}} is not a Neuroblocks job folder: its job.json cannot be read. Give the folder written by `neuroblocks export FILE --format job`.',
  notAJobManifest: '{{file}} is not the manifest of a Neuroblocks job (format {{format}}, version {{version}}).',
  jobNoResult: '{{folder}} has no result yet (result/events.jsonl is missing): run `python3 train.py` in it first, then import it.',
  jobBadLine: 'Line {{line}} of {{file}} is not an event of the engine; the result is damaged. Run the job again.',
  jobNotStarted:
    "{{file}} does not begin with the engine's start: the job did not get to train. Run it again and look at what train.py prints.",
  // The training service's requests.
  notWhole: '{{what, problem}} must be a whole number from {{min}} to {{max}} (got {{got}}).',
  whatProcesses: 'The number of training processes',
  whatEpochs: 'The number of epochs',
  whatSeed: 'The seed',
  whatSize: 'The data set size',
  whatMistakes: 'The number of mistakes',
  unknownEngine:
    'The training engine must be "tfjs" (TensorFlow.js, built in), "page" (the GPU, in the app\'s page) or "pytorch" (got {{got}}).',
  badDevice: 'The device must be auto, cpu, mps, cuda or cuda:N for one GPU (got {{got}}).',
  deviceNeedsPytorch:
    'A device and several processes can only be chosen for the PyTorch engine; the TensorFlow.js engine picks its own backend. Choose the PyTorch engine, or leave the device on auto and one process.',
  alreadyTraining: 'A model is already training. Stop it or wait until it ends before starting another.',
  alreadyTrainingContinue: 'A model is already training. Stop it or wait until it ends before continuing another run.',
  cannotContinueReadOnly: 'Run {{run}} cannot be continued: {{file}} cannot be written to.',
  cannotContinueReadOnlyWhy: 'Run {{run}} cannot be continued: {{file}} cannot be written to ({{why, cause}}).',
  notContinued: 'It could not be continued: {{why, problem}}',
  runTrainingNow: 'Run {{run}} is training right now; it can be continued once it has stopped.',
  notTraining: 'No model is training right now.',
  modelReplaced: 'Another model was chosen while this run was loading.',
  noTrainedModel: 'No model has finished training yet: train it first, then try it.',
  whichCell: 'Say which cell of the confusion matrix to show.',
  notRecorded: 'The run could not be recorded in {{file}}: {{why, cause}}',
  fixErrorsFirst_one: 'The model cannot be trained until its error is fixed: {{first, problem}}',
  fixErrorsFirst_other: 'The model cannot be trained until its {{count}} errors are fixed: {{first, problem}}',
  noDataset: 'Choose a data set for the project before training it.',
  pretrainedNoLongerFit:
    'Some pretrained weights no longer fit their block, whose parameters changed since: {{weights}}. These start from random values; put the parameters back, or add the base again.',
  // How a run ended: its final words.
  completed_one: 'Trained for {{count}} epoch.',
  completed_other: 'Trained for {{count}} epochs.',
  stopped_one: 'Stopped by you after {{count}} complete epoch.',
  stopped_other: 'Stopped by you after {{count}} complete epochs.',
  stoppedInFirstEpoch: 'Stopped by you during the first epoch, before it was complete.',
  earlyStopped_one: 'Stopped early after epoch {{epoch}}: $t(train:monitor_{{monitor}}) had not improved for {{count}} epoch.',
  earlyStopped_other: 'Stopped early after epoch {{epoch}}: $t(train:monitor_{{monitor}}) had not improved for {{count}} epochs.',
  earlyStoppedRestored_one:
    'Stopped early after epoch {{epoch}}: $t(train:monitor_{{monitor}}) had not improved for {{count}} epoch, so the model keeps its weights of epoch {{restored}}, the best.',
  earlyStoppedRestored_other:
    'Stopped early after epoch {{epoch}}: $t(train:monitor_{{monitor}}) had not improved for {{count}} epochs, so the model keeps its weights of epoch {{restored}}, the best.',
  // What early stopping watches, as the sentences above name it.
  monitor_loss: 'the training loss',
  monitor_valLoss: 'the validation loss',
  monitor_accuracy: 'the training accuracy',
  monitor_valAccuracy: 'the validation accuracy',
  resumedWithState: "{{final, problem}} Resumed from the checkpoint of epoch {{epoch}}, with the optimizer's state.",
  resumedFresh: '{{final, problem}} Resumed from the checkpoint of epoch {{epoch}}; the optimizer restarted from a fresh state.',
  pageGpuStopped: "Training on this computer's GPU stopped: {{reasons, inline}}",
  // Why the learning rate was lowered.
  plateau_one: '{{monitor}} did not improve for {{count}} epoch',
  plateau_other: '{{monitor}} did not improve for {{count}} epochs',
  // A job folder's end, as imported back.
  jobFailed: 'The job failed: {{said}}',
  jobFailedOn: 'The job failed on {{device}}: {{said}}',
  jobUnfinished_one: 'The job ended before its final event (killed, or still running) after {{count}} epoch; its last checkpoint is kept.',
  jobUnfinished_other:
    'The job ended before its final event (killed, or still running) after {{count}} epochs; its last checkpoint is kept.',
  jobCompleted_one: 'Trained for {{count}} epoch as a job folder ({{device}}).',
  jobCompleted_other: 'Trained for {{count}} epochs as a job folder ({{device}}).',
  jobEarlyStopped_one: 'Stopped early after epoch {{epoch}} as a job folder ({{device}}): {{monitor}} did not improve for {{count}} epoch.',
  jobEarlyStopped_other:
    'Stopped early after epoch {{epoch}} as a job folder ({{device}}): {{monitor}} did not improve for {{count}} epochs.',
  jobDiverged: 'Diverged as a job folder ({{device}}): the loss became infinite or NaN. Lower the learning rate and train again.',
  jobStopped: 'Stopped as a job folder ({{device}}).',
  jobEnded: 'Ended as {{state}} as a job folder ({{device}}).',
} as const;
