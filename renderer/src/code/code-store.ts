import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { CodeLanguage } from '../../../core/model/codegen/code-view';

interface CodeViewState {
  open: boolean;
  language: CodeLanguage;
}

export const codeViewStore = createStore<CodeViewState>()(() => ({ open: false, language: 'keras' }));

export function useCodeView<T>(selector: (state: CodeViewState) => T): T {
  return useStore(codeViewStore, selector);
}
