// The desktop app's main process: one window showing the renderer from the app:// protocol, the
// native menus and dialogs, and the API served over IPC to that window only.
import { app, BrowserWindow, dialog, Menu, protocol, screen, session, shell, type WebContents } from 'electron';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { defaultConfigDir } from '../core/user-folders';
import { contentSecurityPolicy } from '../core/hosts/web/csp';
import { NeuroblocksService, type NativeDialogs } from '../core/services/services';
import { mimeType, resolveStaticFile } from '../core/hosts/web/static-files';
import { APP_HOST, APP_SCHEME, APP_START_URL } from './channels';
import { serveApiOverIpc } from './ipc';
import { allowPermission } from './permissions';
import { buildMenuTemplate } from './menu';
import { denyNavigationAway } from './navigation';
import { initialBounds, MIN_SIZE } from './window-state';

// Must happen before `ready`: app:// behaves like https (standard, secure origin, fetch allowed).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

const appRoot = app.getAppPath();
const rendererDir = path.join(appRoot, 'dist', 'renderer');
const preloadPath = path.join(appRoot, 'dist', 'electron', 'preload.cjs');
const csp = contentSecurityPolicy();

let mainWindow: BrowserWindow | undefined;

const dialogs: NativeDialogs = {
  async showOpen({ directory, extensions, filterName }) {
    const options = {
      defaultPath: directory,
      properties: ['openFile' as const],
      filters: [{ name: filterName ?? 'Neuroblocks projects', extensions: extensions.map((e) => e.slice(1)) }],
    };
    const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
    return result.canceled ? undefined : result.filePaths[0];
  },
  async showSave({ directory, suggestedName, extensions }) {
    const options = {
      defaultPath: path.join(directory, suggestedName),
      filters: [{ name: 'Neuroblocks projects', extensions: extensions.map((e) => e.slice(1)) }],
    };
    const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
    return result.canceled ? undefined : result.filePath;
  },
  async showFolder({ directory }) {
    const options = { defaultPath: directory, properties: ['openDirectory' as const, 'createDirectory' as const] };
    const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
    return result.canceled ? undefined : result.filePaths[0];
  },
};

const service = new NeuroblocksService({
  host: 'desktop',
  dialogs,
  examplesDir: path.join(appRoot, 'projects'),
  // The same settings (recent projects, projects folder) as the browser version.
  configDir: defaultConfigDir(),
});

function serveAppProtocol(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? await resolveStaticFile(rendererDir, url.pathname) : undefined;
    if (!file) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
    return new Response(await readFile(file), {
      headers: { 'content-type': mimeType(file), 'content-security-policy': csp, 'x-content-type-options': 'nosniff' },
    });
  });
}

/** Electron's security checklist, for every page the app ever creates. */
function lockDown(): void {
  // The camera for the app's own page (collecting images, trying a model live); nothing else, for no page.
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(
      allowPermission({
        permission,
        requestingUrl: details.requestingUrl,
        isMainFrame: details.isMainFrame,
        mediaTypes: 'mediaTypes' in details ? details.mediaTypes : undefined,
      }),
    ),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    allowPermission({ permission, requestingUrl: details.requestingUrl ?? requestingOrigin, isMainFrame: details.isMainFrame ?? false }),
  );
  app.on('web-contents-created', (_event, contents) => {
    // Navigation away from the app, in the main frame or in any sub-frame, and every redirect.
    denyNavigationAway(contents);
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Links to the web open in the user's browser, never inside the app.
      if (/^https:\/\//.test(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

async function refreshMenu(): Promise<void> {
  const recent = await service.listRecentProjects();
  const template = buildMenuTemplate(process.platform, recent, {
    send: (command) => service.sendMenuCommand(command),
    clearRecent: () => void Promise.all(recent.map((r) => service.forgetRecentProject(r.location))),
    openProjectsFolder: () => void service.projectsDirectory().then((dir) => shell.openPath(dir)),
    about: () =>
      void dialog.showMessageBox({
        type: 'info',
        title: 'About Neuroblocks',
        message: `Neuroblocks ${app.getVersion()}`,
        detail: `Build, train and export neural networks by dragging blocks into a graph.\n\nElectron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node.js ${process.versions.node}`,
      }),
    development: !app.isPackaged,
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function createWindow(): Promise<void> {
  const settings = await service.settings.read();
  const bounds = initialBounds(
    settings.window,
    [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((d) => d.workArea),
  );
  const window = new BrowserWindow({
    x: bounds.x,
    y: bounds.y,
    width: bounds.width,
    height: bounds.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Neuroblocks',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  mainWindow = window;
  if (bounds.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () => {
    const normal = window.getNormalBounds();
    void service.settings.update((s) => ({ ...s, window: { ...normal, maximized: window.isMaximized() } }));
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });
  await window.loadURL(APP_START_URL);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  // Edits still waiting to be autosaved are written before the app ends.
  app.on('will-quit', () => service.closeProjectFiles());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.whenReady().then(async () => {
    lockDown();
    serveAppProtocol();
    serveApiOverIpc(service, (contents: WebContents) =>
      Boolean(mainWindow && !mainWindow.isDestroyed() && contents === mainWindow.webContents),
    );
    service.recentProjectsChanged.event(() => void refreshMenu());
    await refreshMenu();
    await createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) void createWindow();
    });
  });
}
