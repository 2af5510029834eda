export { loadDataset, type LoadDatasetOptions } from './load';
export { loadMnist, MNIST_TEST_COUNT } from './mnist';
export { loadTwoD, type TwoDName, type TwoDOptions } from './two-d';
export { loadCsv, csvDataset, parseCsv } from './csv';
export { loadImageFolder } from './image-folder';
export { summarizeDataset, checkModelFitsData, normalizeDataset, type DatasetSummary, type Normalization } from './summary';
export { DataError, type Dataset, type Samples, type SkippedItem, sampleSize } from './types';
