import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NeuroblocksApi, PythonDevice, PythonEngineInfo } from '../../../core/api/contract';
import { errorText, problemLine } from '../ui/error-text';
import { describePageGpu } from '../../../core/page-train/client';
import { trainingStore, useTraining } from './training-store';
import type { TFunction } from 'i18next';
import { Field, Options } from '../ui/Field';
import { ErrorBox } from '../ui/ErrorBox';

type T = TFunction;

/** The device choices of the PyTorch engine: automatic, then each device it sees (every CUDA GPU on its own). */
export function deviceChoices(info: PythonEngineInfo, t: T): { value: string; label: string }[] {
  const choices = [{ value: 'auto', label: t('ui-train:engine.auto') }];
  let gpu = 0;
  const gpus = info.devices.filter((d) => d.kind === 'cuda').length;
  for (const device of info.devices) {
    const choice = deviceChoice(device, device.kind === 'cuda' ? gpu++ : 0, t);
    // One GPU is simply `cuda`; with several, each is chosen by its number.
    choices.push(device.kind === 'cuda' && gpus === 1 ? { ...choice, value: 'cuda' } : choice);
  }
  if (!info.devices.some((d) => d.kind === 'cpu')) choices.push({ value: 'cpu', label: t('ui-train:engine.cpu') });
  return choices;
}

/** The label of the device chosen (automatic when it is not one of the choices). */
export function chosenDeviceLabel(info: PythonEngineInfo, device: string, t: T): string {
  const choices = deviceChoices(info, t);
  return (choices.find((c) => c.value === device) ?? choices[0]).label;
}

function deviceChoice(device: PythonDevice, index: number, t: T): { value: string; label: string } {
  if (device.kind === 'cuda') {
    const memory = device.memoryBytes ? Math.round((device.memoryBytes / 1024 ** 3) * 10) / 10 : undefined;
    return {
      value: `cuda:${index}`,
      label: memory
        ? t('ui-train:engine.cudaMemory', { index, name: device.name, memory })
        : t('ui-train:engine.cuda', { index, name: device.name }),
    };
  }
  if (device.kind === 'mps') return { value: 'mps', label: t('ui-train:engine.mps') };
  return { value: 'cpu', label: device.threads ? t('ui-train:engine.cpuThreads', { count: device.threads }) : t('ui-train:engine.cpu') };
}

/** Asks the host for the engines (TensorFlow.js and the user's PyTorch); `python` tries that Python and keeps it in the settings. */
export async function refreshEngines(api: NeuroblocksApi, python?: string): Promise<void> {
  const engines = python === undefined ? await api.getTrainingEngines() : await api.setPythonPath(python);
  const { engine } = trainingStore.getState();
  // An engine or device that is no longer there falls back to what is.
  const name = engine.name === 'pytorch' && !engines.pytorch.available ? 'tfjs' : engine.name;
  trainingStore.setState({ engines, backend: engines.tfjs, engine: { ...engine, name } });
}

/** The engine, device and process count of the next run, and what the user's PyTorch offers or why it cannot be used. */
export function EngineChoice({ api, disabled }: { api: NeuroblocksApi; disabled: boolean }) {
  const { t, i18n } = useTranslation();
  const engines = useTraining((s) => s.engines);
  const engine = useTraining((s) => s.engine);
  const pageGpu = useTraining((s) => s.pageGpu);
  const [python, setPython] = useState('');
  const [problem, setProblem] = useState<string>();
  const [checking, setChecking] = useState(false);
  useEffect(() => setPython(engines?.pythonSetting ?? ''), [engines?.pythonSetting]);
  // The page's GPU is looked for once, when its engine is first chosen.
  useEffect(() => {
    if (engine.name !== 'page' || trainingStore.getState().pageGpu) return;
    void describePageGpu().then((found) => trainingStore.setState({ pageGpu: found }));
  }, [engine.name]);

  const pytorch = engines?.pytorch;
  const set = (change: Partial<typeof engine>) => trainingStore.setState({ engine: { ...engine, ...change } });
  const reason = pytorch?.reason ? problemLine(pytorch.reason, i18n.language) : undefined;
  const devices = pytorch?.available ? deviceChoices(pytorch, t) : [];
  const cpuThreads = pytorch?.devices.find((d) => d.kind === 'cpu')?.threads ?? 64;
  const usePython = () => {
    setChecking(true);
    setProblem(undefined);
    refreshEngines(api, python)
      .catch((error) => setProblem(errorText(error)))
      .finally(() => setChecking(false));
  };

  return (
    <fieldset disabled={disabled} className="train-engine" data-testid="train-engine">
      <Field id="train-engine-name" label={t('ui-train:engine.label')}>
        <select id="train-engine-name" value={engine.name} onChange={(e) => set({ name: e.target.value as typeof engine.name })}>
          <option value="tfjs">{t('ui-train:engine.tfjs')}</option>
          <option value="page">{t('ui-train:engine.page')}</option>
          <option value="pytorch" disabled={!pytorch?.available} title={reason}>
            {pytorch && !pytorch.available ? t('ui-train:engine.pytorchUnavailable') : t('ui-train:engine.pytorch')}
          </option>
        </select>
      </Field>
      {engine.name === 'pytorch' && pytorch?.available && (
        <>
          <Field id="train-device" label={t('ui-train:engine.device')}>
            <select
              id="train-device"
              value={devices.some((d) => d.value === engine.device) ? engine.device : 'auto'}
              onChange={(e) => set({ device: e.target.value })}
            >
              <Options options={devices} />
            </select>
          </Field>
          <Field id="train-nproc" label={t('ui-train:engine.processes')}>
            <input
              id="train-nproc"
              type="number"
              min={1}
              max={cpuThreads}
              value={engine.nproc}
              onChange={(e) => {
                const n = Number(e.target.value);
                if (Number.isInteger(n) && n >= 1 && n <= cpuThreads) set({ nproc: n });
              }}
            />
          </Field>
        </>
      )}
      {engine.name === 'page' && (
        <p className="train-engine__status" data-testid="train-page-gpu">
          {!pageGpu
            ? t('ui-train:engine.pageLooking')
            : pageGpu.webgpu
              ? t('ui-train:engine.pageGpu', { name: pageGpu.webgpu })
              : t('ui-train:engine.pageNoGpu', {
                  reason: pageGpu.reason ? problemLine(pageGpu.reason, i18n.language) : '',
                })}
        </p>
      )}
      <p className="train-engine__status" data-testid="train-engine-status">
        {!engines
          ? t('ui-train:engine.looking')
          : pytorch?.available
            ? t('ui-train:engine.found', {
                version: pytorch.torchVersion,
                python: pytorch.python,
                devices: pytorch.devices
                  .map((d, i) => deviceChoice(d, pytorch.devices.slice(0, i).filter((o) => o.kind === 'cuda').length, t).label)
                  .join(', '),
              })
            : t('ui-train:engine.unavailable', { reason })}
      </p>
      <details className="train-engine__python" open={Boolean(engines && !pytorch?.available && engines.pythonSetting)}>
        <summary>{t('ui-train:engine.python')}</summary>
        <label htmlFor="train-python" className="sr-only">
          {t('ui-train:engine.python')}
        </label>
        <input
          id="train-python"
          type="text"
          spellCheck={false}
          value={python}
          placeholder={t('ui-train:engine.pythonPlaceholder')}
          onChange={(e) => setPython(e.target.value)}
        />
        <button type="button" onClick={usePython} disabled={checking || python.trim() === (engines?.pythonSetting ?? '')}>
          {t('ui-train:engine.usePython')}
        </button>
      </details>
      <ErrorBox text={problem} />
    </fieldset>
  );
}
