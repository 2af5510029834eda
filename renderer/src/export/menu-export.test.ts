import { describe, expect, it } from 'vitest';
import type { MenuCommand, NeuroblocksApi } from '../../../core/api/contract';
import { bindMenuCommands } from '../menu-commands';
import { exportDialogStore } from './export-store';

describe('the desktop menu command export', () => {
  it('opens the export dialog', () => {
    let send: ((command: MenuCommand) => void) | undefined;
    const api = {
      onMenuCommand: (listener: (command: MenuCommand) => void) => ((send = listener), () => undefined),
    } as unknown as NeuroblocksApi;
    bindMenuCommands(api);
    expect(exportDialogStore.getState().open).toBe(false);
    send!({ command: 'export' });
    expect(exportDialogStore.getState().open).toBe(true);
  });
});
