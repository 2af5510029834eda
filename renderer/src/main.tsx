import './no-eval';
import '@xyflow/react/dist/style.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectApi } from './api';
import { App } from './App';
import { initI18n } from './i18n/index';
import { bindMenuCommands } from './menu-commands';
import { bindAutosave } from './project-actions';
import { bindDatasetClasses } from './data/dataset-classes';
import { errorText } from './ui/error-text';

async function start() {
  initI18n();
  const root = createRoot(document.getElementById('root')!);
  try {
    const api = connectApi();
    bindMenuCommands(api);
    bindAutosave(api);
    bindDatasetClasses(api);
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  } catch (error) {
    root.render(
      <p className="error-box" role="alert">
        {errorText(error)}
      </p>,
    );
  }
}

void start();
