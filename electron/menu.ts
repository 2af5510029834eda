// The native menus. Commands that act on the graph (undo, copy, …) go to the UI as menu commands
// of the API, so that the desktop app and the browser version share one implementation of each.
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, RecentProject } from '../core/api/contract';

export interface MenuActions {
  send(command: MenuCommand): void;
  clearRecent(): void;
  openProjectsFolder(): void;
  about(): void;
  /** Shows Reload and the developer tools (unpackaged app only). */
  development: boolean;
}

const RECENT_SHOWN = 10;

/**
 * Keys stay with the page (it has the same shortcuts in the browser), so the accelerators are only
 * displayed on Windows and Linux; clicking the item sends the command.
 */
function command(label: string, accelerator: string | undefined, action: MenuCommand, actions: MenuActions): MenuItemConstructorOptions {
  return { label, ...(accelerator ? { accelerator, registerAccelerator: false } : {}), click: () => actions.send(action) };
}

export function buildMenuTemplate(
  platform: NodeJS.Platform,
  recent: readonly RecentProject[],
  actions: MenuActions,
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const recentItems: MenuItemConstructorOptions[] = recent.slice(0, RECENT_SHOWN).map((r) => ({
    label: `${r.name} — ${r.location}`,
    click: () => actions.send({ command: 'openRecent', location: r.location }),
  }));
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      command('&New Project', 'CmdOrCtrl+N', { command: 'new' }, actions),
      command('&Open…', 'CmdOrCtrl+O', { command: 'open' }, actions),
      {
        label: 'Open &Recent',
        submenu: recentItems.length
          ? [...recentItems, { type: 'separator' }, { label: 'Clear Recent', click: () => actions.clearRecent() }]
          : [{ label: 'No recent projects', enabled: false }],
      },
      { type: 'separator' },
      command('&Save', 'CmdOrCtrl+S', { command: 'save' }, actions),
      command('Save &As…', 'CmdOrCtrl+Shift+S', { command: 'saveAs' }, actions),
      command('&Export…', 'CmdOrCtrl+E', { command: 'export' }, actions),
      { type: 'separator' },
      { label: 'Show Projects Folder', click: () => actions.openProjectsFolder() },
      ...(mac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      command('&Undo', 'CmdOrCtrl+Z', { command: 'undo' }, actions),
      command('&Redo', mac ? 'Cmd+Shift+Z' : 'Ctrl+Y', { command: 'redo' }, actions),
      { type: 'separator' },
      command('Cu&t', 'CmdOrCtrl+X', { command: 'cut' }, actions),
      command('&Copy', 'CmdOrCtrl+C', { command: 'copy' }, actions),
      command('&Paste', 'CmdOrCtrl+V', { command: 'paste' }, actions),
      command('&Delete', 'Delete', { command: 'delete' }, actions),
      { type: 'separator' },
      command('Select &All', 'CmdOrCtrl+A', { command: 'selectAll' }, actions),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      command('&Fit to Window', 'Shift+1', { command: 'fitView' }, actions),
      command('Arrange &Automatically', 'CmdOrCtrl+Shift+L', { command: 'autoLayout' }, actions),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(actions.development ? [{ type: 'separator' } as const, { role: 'reload' } as const, { role: 'toggleDevTools' } as const] : []),
    ],
  };
  const help: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: [{ label: 'About Neuroblocks', click: () => actions.about() }],
  };
  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: 'Neuroblocks',
          submenu: [
            { label: 'About Neuroblocks', click: () => actions.about() },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [];
  return [...appMenu, file, edit, view, ...(mac ? [{ role: 'windowMenu' } as const] : []), help];
}
