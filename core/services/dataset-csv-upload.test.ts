// Finishing the upload of a CSV file reads only its header row: a file of one 50 MB line is refused
// at once, in bounded memory, with the bound named.
import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../api/contract';
import { serviceFolderPerTest, webService, type ServiceFolder } from './test-service';

let folder: ServiceFolder;
serviceFolderPerTest('neuroblocks-csv-upload-', (f) => (folder = f), { makeProjectsDir: true });

describe('finishing the upload of a CSV file of one 50 MB line', () => {
  it('refuses it in well under a second and 100 MB, naming the 64 KiB and 10,000-column bounds', async () => {
    const api = webService(folder);
    const { uploadId } = await api.startDatasetUpload({ name: 'line.csv', kind: 'csv' });
    const part = Buffer.alloc(10 * 1024 * 1024, 'a,').toString('base64');
    for (let i = 0; i < 5; i++)
      await api.uploadDatasetFiles(uploadId, [{ path: 'line.csv', base64: part, ...(i > 0 ? { append: true } : {}) }]);
    const before = process.resourceUsage().maxRSS * 1024;
    const started = performance.now();
    const error = await api.finishDatasetUpload(uploadId).catch((e: unknown) => e);
    const seconds = (performance.now() - started) / 1000;
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as UserFacingError).message).toBe(
      'The first line of the CSV file line.csv (its header row, naming the columns) is longer than 64 KiB, the most Neuroblocks reads (at most 10,000 columns). Check that the file is a CSV table with one row per line and a short header.',
    );
    expect(seconds).toBeLessThan(1);
    expect(process.resourceUsage().maxRSS * 1024 - before).toBeLessThan(100 * 1024 * 1024);
  });
});
