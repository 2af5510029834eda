// The desktop app end to end, through Playwright's Electron driver: the same editor flow as in
// the browser, plus what only the desktop app has (the preload's API, native menus and dialogs,
// the locked-down window). Runs wherever the Electron binary is installed; skipped elsewhere.
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleElectron } from '../build/bundle-electron';
import { apiEvents, apiMethods } from '../core/api/contract';
import { findElectron } from '../core/cli/electron-binary';

const root = path.resolve(import.meta.dirname, '..');
const availability = findElectron();

test.describe('desktop app', () => {
  test.skip(!availability.available, `Electron end-to-end test skipped: ${availability.available ? '' : availability.reason}.`);
  if (!availability.available) console.log(`Skipping the Electron end-to-end test: ${availability.reason}.`);

  let app: ElectronApplication;
  let page: Page;
  let home: string;

  test.beforeAll(async () => {
    await bundleElectron();
    home = mkdtempSync(path.join(os.tmpdir(), 'neuroblocks-electron-e2e-'));
    app = await electron.launch({
      executablePath: (availability as { binary: string }).binary,
      args: [root, ...(process.platform === 'linux' ? ['--no-sandbox'] : [])],
      env: { ...process.env, NEUROBLOCKS_CONFIG_DIR: path.join(home, 'config'), HOME: home },
    });
    page = await app.firstWindow();
  });

  test.afterAll(async () => {
    await app?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  /** Clicks a native menu item, as a person would with the mouse. */
  async function clickMenu(menu: string, item: string): Promise<void> {
    await app.evaluate(
      ({ Menu }, [menuLabel, itemLabel]) => {
        const plain = (label: string) => label.replace(/&/g, '');
        const top = Menu.getApplicationMenu()!.items.find((i) => plain(i.label) === menuLabel)!;
        top.submenu!.items.find((i) => plain(i.label) === itemLabel)!.click();
      },
      [menu, item],
    );
  }

  test('serves the page from app:// with exactly the API and nothing of Node', async () => {
    expect(page.url()).toMatch(/^app:\/\/neuroblocks\//);
    const exposed = await page.evaluate(() => {
      const g = globalThis as any;
      return { keys: Object.keys(g.neuroblocks).sort(), require: typeof g.require, process: typeof g.process, ipc: typeof g.ipcRenderer };
    });
    expect(exposed).toEqual({ keys: [...apiMethods, ...apiEvents].sort(), require: 'undefined', process: 'undefined', ipc: 'undefined' });
    expect(await page.evaluate(() => (globalThis as any).open('https://example.com') === null)).toBe(true);
    expect(await page.evaluate(() => (globalThis as any).neuroblocks.getAppInfo())).toMatchObject({ host: 'desktop', nativeDialogs: true });
  });

  test('opens the course CNN, shows an error, undoes and redoes from the Edit menu, saves through the native dialog', async () => {
    await page.getByTestId('example-mnist-cnn').click();
    await expect(page.getByTestId('total-params')).toHaveText('42,358');

    const inspector = page.getByRole('complementary', { name: /Block|Bloc/ });
    await page.getByTestId('node-conv1').locator('.block-node__type').click();
    await expect(inspector.locator('.inspector__id')).toHaveText('conv1');
    await inspector.getByTestId('param-kernelSize').fill('30');
    await expect(page.getByTestId('badge-conv1')).toBeVisible();

    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await clickMenu('Edit', 'Undo');
    await expect(page.getByTestId('badge-conv1')).toHaveCount(0);
    await expect(page.getByTestId('total-params')).toHaveText('42,358');
    await clickMenu('Edit', 'Redo');
    await expect(page.getByTestId('badge-conv1')).toBeVisible();

    const file = path.join(home, 'course-cnn.json');
    await app.evaluate(({ dialog }, filePath) => {
      dialog.showSaveDialog = (async () => ({ canceled: false, filePath })) as typeof dialog.showSaveDialog;
    }, file);
    await clickMenu('File', 'Save As…');
    await expect(page.getByTestId('dirty-marker')).toHaveText('Saved');
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved.graph.nodes.find((n: { id: string }) => n.id === 'conv1').params.kernelSize).toBe(30);
    await page.screenshot({ path: path.join(root, 'e2e', 'artifacts', 'desktop-editor.png') });
  });
});
