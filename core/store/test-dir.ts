// A temporary folder for each test of a Vitest file.
import { afterEach, beforeEach } from 'vitest';
import { tempDir } from './test-helpers';

/**
 * Makes a fresh temporary folder before each test of the file that calls it, hands its path to
 * `use`, and removes it after the test: `let dir: string; tempDirPerTest((path) => (dir = path), 'nb-x-');`.
 */
export function tempDirPerTest(use: (dir: string) => void, prefix?: string): void {
  let cleanup = (): void => {};
  beforeEach(() => {
    const temp = tempDir(prefix);
    cleanup = temp.cleanup;
    use(temp.dir);
  });
  afterEach(() => cleanup());
}
