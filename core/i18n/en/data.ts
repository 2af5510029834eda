// How data sets (core/data, the import of data sets) word their problems and warnings, in English.
export const data = {
  // Why a file or folder cannot be read.
  fsMissing: 'it does not exist',
  fsFolder: 'it is a folder, not a file',
  fsFile: 'it is a file, not a folder',
  fsDenied: 'permission denied; check that you may read it',
  fsOther: '{{message}}',
  fileUnreadable: 'Cannot read {{file}}: {{reason, problem}}.',

  // What a data set's preview and a run say of it.
  atLine: 'line {{line}}',
  atCell: 'line {{line}}, column "{{column}}"',
  skippedRows_one:
    '{{count}} row of {{file}} was skipped: {{items, skipped}}. Training uses the other rows; fix the file and load it again to use them all.',
  skippedRows_other:
    '{{count}} rows of {{file}} were skipped: {{items, skipped}}. Training uses the other rows; fix the file and load it again to use them all.',
  skippedFiles_one: '{{count}} file was skipped: {{items, skipped}}.',
  skippedFiles_other: '{{count}} files were skipped: {{items, skipped}}.',
  noSampleOfClass: 'The training data have no sample of class {{classes, names}}: the model cannot learn it.',
  imbalanced:
    'The classes are strongly imbalanced: "{{big}}" has {{largest}} samples but "{{small}}" only {{smallest}}. Accuracy can look good while the small classes are never recognised; add samples of the small classes or look at the confusion matrix.',
  notUtf8:
    '{{name}} is not UTF-8 text: it was read as Windows-1252 (Latin-1), as spreadsheets on Windows save it. If accented letters look wrong, save it again as "CSV UTF-8".',

  // Loading the data set a project names.
  noDataset:
    'The project has no data set: choose one (MNIST, Fashion-MNIST, a 2-D set, an image folder, a CSV file, IDX files or CIFAR) before training.',
  folderNoInput: 'An image folder is resized to the Input block’s shape, but the model has no Input block.',
  filterNotBuiltin:
    'The data set\'s "{{which}}" applies to MNIST and Fashion-MNIST only, not to the generated set "{{name}}": remove it, or use its "size".',

  // CSV files.
  csvHeaderTooLong:
    'The first line of the CSV file {{name}} (its header row, naming the columns) is longer than 64 KiB, the most Neuroblocks reads (at most {{max, number}} columns). Check that the file is a CSV table with one row per line and a short header.',
  csvTooManyColumns:
    'The CSV file {{name}} has {{columns, number}} columns; Neuroblocks reads at most {{max, number}}. Keep fewer columns (one per input value, plus the label).',
  csvNul:
    'The CSV file {{name}} holds NUL bytes: it is not text, or it is UTF-16 text without a byte-order mark. Save it again as "CSV UTF-8".',
  csvUnreadable: 'Cannot read the CSV file {{path}}: {{reason, problem}}.',
  csvWrongName:
    '{{name}} is not a CSV file: a CSV data set is a table of values in a file whose name ends in .csv. Choose such a file, or export your table as CSV.',
  csvEmpty: 'The CSV file {{name}} is empty: it needs a header row naming the columns, then one row per sample.',
  csvNoRows: 'The CSV file {{name}} needs a header row and at least one row of data.',
  csvNoLabelColumn: 'The CSV file {{name}} has no column "{{label}}" to use as the label. Its columns are: {{columns, join}}.',
  csvOnlyLabel: 'The CSV file {{name}} has only the label column "{{label}}": add at least one column of numbers.',
  rowCells_one: 'has {{count}} cell but the header has {{columns}} columns',
  rowCells_other: 'has {{count}} cells but the header has {{columns}} columns',
  cellEmpty: 'the cell is empty, not a number',
  cellNotNumber: '"{{value}}" is not a number',
  labelEmpty: 'the label is empty',
  firstRowCells_one: 'Row {{line}} of {{name}} has {{count}} cell but the header has {{columns}} columns.',
  firstRowCells_other: 'Row {{line}} of {{name}} has {{count}} cells but the header has {{columns}} columns.',
  firstCellEmpty: 'Row {{line}}, column {{column}} ("{{header}}") of {{name}} is empty, not a number.',
  firstCellNotNumber: 'Row {{line}}, column {{column}} ("{{header}}") of {{name}} is "{{value}}", not a number.',
  firstLabelEmpty: 'Row {{line}} of {{name}} has an empty label in column "{{label}}".',
  noUsableRow:
    'No row of {{name}} can be used: {{why, problem}} Every column except the label "{{label}}" must hold numbers: fix the file and load it again.',
  noUsableRowText:
    'No row of {{name}} can be used: {{why, problem}} Column "{{column}}" holds no number in any row: if it is the class of each row, choose it as the label column; otherwise every column except the label "{{label}}" must hold numbers: fix the file and load it again.',

  // Image folders.
  folderUnreadable: 'Cannot read the image folder {{folder}}: {{reason, problem}}.',
  tooFewClasses: 'The image folder {{folder}} must hold one sub-folder per class (at least two), each with its images; it has {{count}}.',
  notImage: 'not a PNG, JPEG or WebP image',
  imageTooLarge: '{{width}}×{{height}} pixels, more than the 64 megapixels an image may have: scale it down',
  channels: 'decoded with {{got}} channels instead of {{want}}',
  undecodable: 'cannot be decoded ({{detail}})',
  undecodableBecause: 'cannot be decoded ({{why, problem}})',
  folderShape:
    'An image folder needs an Input block of shape [height, width, 1] (grayscale) or [height, width, 3] (RGB), not [{{shape, join}}].',
  emptyClasses_one: 'The class folder {{classes, names}} of {{folder}} holds no readable image.',
  emptyClasses_other: 'The class folders {{classes, names}} of {{folder}} hold no readable image.',
  emptyClassesFix_one: 'The class folder {{classes, names}} of {{folder}} holds no readable image: add images to it or remove it.',
  emptyClassesFix_other: 'The class folders {{classes, names}} of {{folder}} hold no readable image: add images to them or remove them.',

  // IDX files.
  idxNotIdx:
    '{{file}} is not an IDX file: it must start with the bytes 00 00 (bytes 0–1) but starts with {{head}}. If it ends in .gz it may be damaged; download it again.',
  idxNotIdx_empty:
    '{{file}} is not an IDX file: it must start with the bytes 00 00 (bytes 0–1) but starts with nothing (the file is empty). If it ends in .gz it may be damaged; download it again.',
  idxType: '{{file}} holds {{type}} values (byte 2); images and labels must be unsigned bytes (0x08).',
  idxTypeUnknown: '{{file}} holds an unknown element type 0x{{hex}} (byte 2); images and labels must be unsigned bytes (0x08).',
  idxRank:
    '{{file}} declares {{rank}} dimensions at byte 3; an IDX file of labels has 1, of images 3 (count, rows, columns) or 4 (with channels).',
  idxHeaderCut: '{{file}} is truncated at byte {{at, number}}: its header declares {{rank}} dimensions and needs {{needs}} bytes.',
  idxCut:
    '{{file}} is truncated: its header promises {{dims}} = {{elements, number}} values, {{expected, number}} bytes in all, but the file ends at byte {{at, number}} (in item {{item, number}}). Download or copy it again.',
  idxTooLong:
    '{{file}} does not match its header: {{dims}} values end at byte {{expected, number}}, but the file goes on to byte {{at, number}}. It may be another file renamed, or its header is wrong.',
  idxNotImages: '{{file}} holds labels ({{dims}}), not images: choose the images file (…-images-idx3-ubyte).',
  idxNotImages_table: '{{file}} holds a table ({{dims}}), not images: choose the images file (…-images-idx3-ubyte).',
  idxLabelsRank: '{{file}} has {{rank}} dimensions ({{dims}}); a labels file has one (…-labels-idx1-ubyte).',
  idxCountMismatch:
    '{{images}} holds {{count, number}} images but {{labels}} {{labelCount, number}} labels: they must come from the same set.',
  gzipDamaged: '{{file}} is a damaged gzip file ({{detail}}); download it again.',
  idxFolderUnreadable: 'Cannot read the IDX folder {{folder}}: {{reason, problem}}.',
  idxFolderFiles:
    'The folder {{folder}} must hold a training images file and its labels file in IDX format (e.g. train-images-idx3-ubyte and train-labels-idx1-ubyte, possibly .gz), and may hold the test pair (t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte); found: {{found, join}}.',
  idxFolderFiles_none:
    'The folder {{folder}} must hold a training images file and its labels file in IDX format (e.g. train-images-idx3-ubyte and train-labels-idx1-ubyte, possibly .gz), and may hold the test pair (t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte); found: no IDX file.',
  idxTestShape:
    '{{test}} holds {{testShape}} images but {{train}} {{trainShape}}: the test and training files must come from the same set.',
  idxFolderSize: 'The IDX files in {{folder}} hold {{available, number}} training images; set the data set size to at most {{available}}.',

  // MNIST and Fashion-MNIST.
  classOutOfRange:
    '{{title}} has the classes 0 to {{last}}; the data set\'s "classes" names {{class}}. Keep only numbers from 0 to {{last}}.',
  classTwice: 'The data set\'s "classes" names class {{class}} twice; name each class once.',
  builtinSize:
    '{{title}} has {{available, number}} training images (its {{test, number}} test images are kept for the test); set the data set size to at most {{available}}.',
  builtinSize_filtered:
    '{{title}} has {{available, number}} training images of the classes and counts it keeps (its {{test, number}} test images are kept for the test); set the data set size to at most {{available}}.',
  gzipDamagedFile: '{{file}} is a damaged gzip file ({{detail}}).',
  fashionSize: "{{file}} unpacks to {{bytes, number}} bytes instead of Fashion-MNIST's {{expected, number}}: it is not the official file.",
  fashionChecksum:
    "{{file}} does not have the checksum of Fashion-MNIST's {{name}} (SHA-256 {{sum}} instead of {{expected}}): it is damaged or another file.",
  fashionOffline:
    "Fashion-MNIST is not on this computer and could not be downloaded from {{url}} ({{why}}). Get its four files ({{names, join}}) from {{home}} on a computer with internet (or install Debian's dataset-fashion-mnist package), then put them in {{folder}}, or import their folder as an IDX data set (Data › Import).",

  // Downloads.
  downloadFailed: 'Downloading {{url}} failed: the server answered {{status}} {{statusText}}.',
  downloadInterrupted:
    'The download of {{url}} was interrupted after {{received, number}} bytes ({{why}}); nothing was kept, and it starts again from the beginning next time.',
  downloadInterrupted_kept:
    'The download of {{url}} was interrupted after {{received, number}} bytes ({{why}}); the part received is kept, and the download goes on from there next time.',
  downloadInterruptedOf:
    'The download of {{url}} was interrupted after {{received, number}} of {{total, number}} bytes ({{why}}); nothing was kept, and it starts again from the beginning next time.',
  downloadInterruptedOf_kept:
    'The download of {{url}} was interrupted after {{received, number}} of {{total, number}} bytes ({{why}}); the part received is kept, and the download goes on from there next time.',
  downloadStopped:
    'The download of {{url}} stopped at byte {{received, number}} of {{total, number}}; nothing was kept, and it starts again from the beginning next time.',
  downloadStopped_kept:
    'The download of {{url}} stopped at byte {{received, number}} of {{total, number}}; the part received is kept, and the download goes on from there next time.',
  downloadChecksum:
    'The file downloaded from {{url}} is not the published one: its {{algorithm}} checksum is {{actual}}, not {{expected}}. Nothing was kept; try again later, or get the file elsewhere and import it.',

  // CIFAR and tar archives.
  cifarUnreadable: 'Cannot read the CIFAR data {{source}}: {{reason, problem}}.',
  cifarCut:
    '{{where}} is cut or not a CIFAR-{{classes}} batch: its {{bytes, number}} bytes are not a whole number of {{record, number}}-byte records; record {{cut, number}} starts at byte {{start, number}} and is cut short.',
  cifarLabel:
    '{{where}} has the label {{label}} at byte {{at, number}}; CIFAR-{{classes}} labels go from 0 to {{last}}. The file is damaged or is not a CIFAR-{{classes}} batch.',
  cifarNoBatches:
    '{{source}} holds no CIFAR binary batches: CIFAR-10 needs data_batch_1.bin … and test_batch.bin, CIFAR-100 train.bin and test.bin (found: {{found, join}}). Use the "binary version" archive (cifar-10-binary.tar.gz), not the Python or MATLAB one.',
  cifarNoBatches_none:
    '{{source}} holds no CIFAR binary batches: CIFAR-10 needs data_batch_1.bin … and test_batch.bin, CIFAR-100 train.bin and test.bin (found: none). Use the "binary version" archive (cifar-10-binary.tar.gz), not the Python or MATLAB one.',
  cifarSize: '{{name}} in {{source}} has {{count, number}} training images; set the data set size to at most {{count}}.',
  tarHeaderDamaged:
    '{{file}} is not a readable tar archive: the header at byte {{at, number}} is damaged (its checksum does not match). Download the archive again.',
  tarHeaderDamaged_unpacked:
    '{{file}} is not a readable tar archive: the header at byte {{at, number}} of the unpacked archive is damaged (its checksum does not match). Download the archive again.',
  gzipEndsEarly:
    '{{file}} is a damaged gzip file: it ends too early at about byte {{at, number}} (after {{unpacked, number}} unpacked bytes). Download it again.',
  gzipInvalid:
    '{{file}} is a damaged gzip file: it holds invalid compressed data at about byte {{at, number}} (after {{unpacked, number}} unpacked bytes). Download it again.',
  tarEntryCut:
    '{{file}} is truncated: {{entry}} starts at byte {{start, number}} and should hold {{size, number}} bytes, but the archive ends at byte {{end, number}}. Download it again.',
  tarEntryCut_unpacked:
    '{{file}} is truncated: {{entry}} starts at byte {{start, number}} of the unpacked archive and should hold {{size, number}} bytes, but the archive ends at byte {{end, number}}. Download it again.',
  tarHeaderCut:
    '{{file}} is truncated: a tar header starts at byte {{start, number}} but the archive ends at byte {{end, number}}. Download it again.',

  // Importing a data set (uploads from the browser, folders and files picked on the desktop).
  badReference: 'This data set reference is not valid: choose the data set again in the Data tab.',
  uploadOutside: '"{{file}}" leads outside the data set\'s folder, so it was refused.',
  uploadNoName: 'A file of the upload has no usable name.',
  uploadAbsolute: '"{{file}}" is an absolute path; only files inside the chosen folder can be imported.',
  uploadDots: '"{{file}}" leads outside the chosen folder (it contains "{{part}}"), so it was refused.',
  uploadBadName: '"{{file}}" is not a file name that can be saved; rename it and import again.',
  importKinds: 'Only an image folder, a CSV file, IDX files or a CIFAR archive can be imported.',
  uploadUnknown: 'This upload is over or unknown; import the data again.',
  uploadNoList: 'The upload sent no list of files.',
  uploadPartAlone: 'A part of {{file}} came without its beginning; import the data again.',
  notInClass: 'not inside a class folder: put each image in the sub-folder named after its class',
  inSubFolder: 'inside a sub-folder of a class folder: a class folder holds images only',
  imageTooBig: 'too big for a training image ({{size}} MB; at most {{max}} MB)',
  cifarOneArchive: 'A CIFAR import takes one archive (cifar-10-binary.tar.gz), not a folder.',
  idxFlat: 'IDX files are imported as one flat folder, without sub-folders.',
  notCifarArchive: '{{file}} is not a CIFAR archive: choose cifar-10-binary.tar.gz or cifar-100-binary.tar.gz (the "binary version").',
  notIdxName: 'not an IDX file (its name has no idx1-ubyte or idx3-ubyte)',
  csvOneFile: 'A CSV import takes one file, not a folder.',
  notCsvUpload: '{{file}} is not a CSV file: choose a file ending in .csv, with a header row and one row per sample.',
  csvTooBig: '{{file}} is {{size}} MB; a CSV file can have at most {{max}} MB.',
  notImageContent: 'not an image, although its name says so',
  csvNotText:
    '{{file}} is not a text file, so it cannot be a CSV file: export the table as CSV (comma- or semicolon-separated text) and import that.',
  uploadTooLarge: 'The data set is too large to import (more than {{max}} MB or {{files, number}} files): use fewer or smaller images.',
  nothingImported: 'Nothing was imported from "{{name}}": it needs one sub-folder per class, each with PNG, JPEG or WebP images.',
  nothingImportedRefused:
    'Nothing was imported from "{{name}}": it needs one sub-folder per class, each with PNG, JPEG or WebP images. Refused: {{items, skipped}}.',
  noCsvReceived: 'No CSV file was received; choose the file again.',
  noIdxReceived: 'No IDX file was received; choose the folder again.',
  noCifarReceived: 'No CIFAR archive was received; choose the file again.',
  pickedNotFile: '{{path}} is not a file: choose a CSV file.',
  pickedMissing: '{{path}} does not exist.',
  pickedNotFolder: '{{path}} is not a folder: choose a folder holding one sub-folder per class.',
  unsaveableName: '"{{file}}" cannot be saved: {{reason, problem}}. Rename it and import again.',
} as const;
