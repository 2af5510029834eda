import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { MenuCommand } from '../core/api/contract';
import { buildMenuTemplate, type MenuActions } from './menu';

function setup(platform: NodeJS.Platform, recent = [{ location: '/p/cnn.json', name: 'CNN', openedAt: '2026-01-01T00:00:00Z' }]) {
  const sent: MenuCommand[] = [];
  const calls: string[] = [];
  const actions: MenuActions = {
    send: (c) => sent.push(c),
    clearRecent: () => calls.push('clearRecent'),
    openProjectsFolder: () => calls.push('openProjectsFolder'),
    about: () => calls.push('about'),
    development: false,
  };
  const template = buildMenuTemplate(platform, recent, actions);
  const menu = (label: string) => template.find((m) => m.label?.replace('&', '') === label)!.submenu as MenuItemConstructorOptions[];
  const item = (menuLabel: string, label: string) => menu(menuLabel).find((i) => i.label?.replace('&', '') === label)!;
  const click = (i: MenuItemConstructorOptions) => (i.click as () => void)();
  return { template, menu, item, click, sent, calls };
}

const labels = (items: MenuItemConstructorOptions[]) => items.filter((i) => i.label).map((i) => i.label!.replace('&', ''));

describe('native menus', () => {
  it('has the File, Edit, View and Help menus with the expected items', () => {
    const { template, menu } = setup('linux');
    expect(labels(template)).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(labels(menu('File'))).toEqual(expect.arrayContaining(['New Project', 'Open…', 'Open Recent', 'Save', 'Save As…', 'Export…']));
    expect(labels(menu('Edit'))).toEqual(['Undo', 'Redo', 'Cut', 'Copy', 'Paste', 'Delete', 'Select All']);
  });

  it('sends each editing command to the page, leaving the keys to the page', () => {
    const { item, click, sent } = setup('linux');
    for (const [label, command] of [
      ['Undo', 'undo'],
      ['Redo', 'redo'],
      ['Cut', 'cut'],
      ['Copy', 'copy'],
      ['Paste', 'paste'],
      ['Delete', 'delete'],
      ['Select All', 'selectAll'],
    ] as const) {
      const entry = item('Edit', label);
      expect(entry.registerAccelerator).toBe(false);
      click(entry);
      expect(sent.at(-1)).toEqual({ command });
    }
    click(item('File', 'Save As…'));
    expect(sent.at(-1)).toEqual({ command: 'saveAs' });
  });

  it('lists recent projects and opens the chosen one', () => {
    const { item, click, sent, calls } = setup('linux');
    const recent = item('File', 'Open Recent').submenu as MenuItemConstructorOptions[];
    click(recent[0]);
    expect(sent).toEqual([{ command: 'openRecent', location: '/p/cnn.json' }]);
    click(recent.find((i) => i.label === 'Clear Recent')!);
    expect(calls).toEqual(['clearRecent']);
    const empty = setup('linux', []).item('File', 'Open Recent').submenu as MenuItemConstructorOptions[];
    expect(empty).toEqual([{ label: 'No recent projects', enabled: false }]);
  });

  it('adds the application menu on macOS and hides developer items when packaged', () => {
    const { template, menu } = setup('darwin');
    expect(template[0].label).toBe('Neuroblocks');
    expect(menu('View').some((i) => i.role === 'toggleDevTools')).toBe(false);
  });
});
