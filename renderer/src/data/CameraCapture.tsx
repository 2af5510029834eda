import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../ui/Field';
import { cameraFolderFiles, drawSquare, SHOT_SIDE, useCamera, type CameraClass } from './camera';
import type { PickedFile } from './data-import';
import { ErrorBox } from '../ui/ErrorBox';

/** Frames recorded per second while a class's button is held. */
const SHOTS_PER_SECOND = 6;

/**
 * The Data tab's camera: name the classes, hold a class's button to record images of it (count and
 * thumbnails, delete a bad one), then save them as an image folder through `onSave`.
 */
export function CameraCapture({ disabled, onSave }: { disabled: boolean; onSave(name: string, files: PickedFile[]): void }) {
  const { t } = useTranslation();
  const { video, stream, error, start, stop } = useCamera();
  const canvas = useRef<HTMLCanvasElement>(null);
  const nextId = useRef(3);
  const [classes, setClasses] = useState<CameraClass[]>(() =>
    [1, 2].map((n) => ({ id: n, name: t('ui-camera:defaultClass', { number: n }), shots: [] })),
  );
  const [recording, setRecording] = useState<number>();
  const [name, setName] = useState('camera');
  const [problem, setProblem] = useState<'needTwo' | 'badNames'>();

  useEffect(() => {
    if (recording === undefined || !stream) return;
    const shoot = () => {
      const context = video.current && canvas.current && drawSquare(video.current, canvas.current, SHOT_SIDE);
      if (!context) return;
      const url = canvas.current!.toDataURL('image/png');
      const id = nextId.current++;
      setClasses((list) => list.map((c) => (c.id === recording ? { ...c, shots: [...c.shots, { id, url }] } : c)));
    };
    shoot();
    const timer = window.setInterval(shoot, 1000 / SHOTS_PER_SECOND);
    return () => window.clearInterval(timer);
  }, [recording, stream, video]);

  const rename = (id: number, value: string) => setClasses((list) => list.map((c) => (c.id === id ? { ...c, name: value } : c)));
  const save = () => {
    const result = cameraFolderFiles(classes);
    if ('problem' in result) {
      setProblem(result.problem);
      return;
    }
    setProblem(undefined);
    onSave(name.trim() || 'camera', result.files);
  };
  // Only this class's recording stops: Chromium reports a released capture late, after the next press.
  const release = (id: number) => setRecording((r) => (r === id ? undefined : r));
  const hold = (id: number) => ({
    onPointerDown: (e: React.PointerEvent) => {
      e.currentTarget.setPointerCapture?.(e.pointerId);
      setRecording(id);
    },
    onPointerUp: () => release(id),
    onPointerCancel: () => release(id),
    onLostPointerCapture: () => release(id),
    onKeyDown: (e: React.KeyboardEvent) => {
      if ((e.key === ' ' || e.key === 'Enter') && !e.repeat) {
        e.preventDefault();
        setRecording(id);
      }
    },
    onKeyUp: (e: React.KeyboardEvent) => {
      if (e.key === ' ' || e.key === 'Enter') release(id);
    },
    onBlur: () => release(id),
  });

  return (
    <section className="camera-capture" aria-labelledby="camera-title" data-testid="camera-capture">
      <h4 id="camera-title">{t('ui-camera:title')}</h4>
      <p className="train-hint">{t('ui-camera:intro')}</p>
      <div className="camera-capture__top">
        <button type="button" onClick={() => (stream ? stop() : void start())} disabled={disabled}>
          {stream ? t('ui-camera:stop') : t('ui-camera:start')}
        </button>
        <ErrorBox text={error && t(`ui-camera:${error.key}`, { reason: error.reason })} />
      </div>
      {stream && (
        <>
          <video
            ref={video}
            className="camera-capture__video"
            muted
            playsInline
            aria-label={t('ui-camera:video')}
            data-testid="camera-video"
          />
          <canvas ref={canvas} hidden />
          <ul className="camera-classes">
            {classes.map((c, index) => (
              <li key={c.id} className="camera-class" data-testid="camera-class">
                <div className="camera-class__head">
                  <input
                    type="text"
                    value={c.name}
                    aria-label={t('ui-camera:className', { number: index + 1 })}
                    onChange={(e) => rename(c.id, e.target.value)}
                    maxLength={100}
                    disabled={disabled}
                  />
                  <button
                    type="button"
                    className={`camera-class__hold${recording === c.id ? ' camera-class__hold--on' : ''}`}
                    aria-pressed={recording === c.id}
                    disabled={disabled}
                    {...hold(c.id)}
                  >
                    {t('ui-camera:hold', { name: c.name })}
                  </button>
                  <span className="camera-class__count" data-testid="camera-count">
                    {t('ui-camera:count', { count: c.shots.length })}
                  </span>
                  {classes.length > 2 && (
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={t('ui-camera:removeClass', { name: c.name })}
                      onClick={() => setClasses((list) => list.filter((x) => x.id !== c.id))}
                      disabled={disabled}
                    >
                      ×
                    </button>
                  )}
                </div>
                <div className="camera-class__shots">
                  {c.shots.slice(-24).map((shot) => {
                    const number = c.shots.indexOf(shot) + 1;
                    return (
                      <button
                        key={shot.id}
                        type="button"
                        className="camera-shot"
                        aria-label={t('ui-camera:delete', { number, name: c.name })}
                        title={t('ui-camera:delete', { number, name: c.name })}
                        onClick={() =>
                          setClasses((list) =>
                            list.map((x) => (x.id === c.id ? { ...x, shots: x.shots.filter((s) => s.id !== shot.id) } : x)),
                          )
                        }
                        disabled={disabled}
                      >
                        <img src={shot.url} alt="" width={36} height={36} />
                      </button>
                    );
                  })}
                </div>
              </li>
            ))}
          </ul>
          <div className="camera-capture__save">
            <button
              type="button"
              onClick={() => {
                const id = nextId.current++;
                setClasses((list) => [...list, { id, name: t('ui-camera:defaultClass', { number: list.length + 1 }), shots: [] }]);
              }}
              disabled={disabled}
            >
              {t('ui-camera:addClass')}
            </button>
            <Field id="camera-name" label={t('ui-camera:name')}>
              <input
                id="camera-name"
                type="text"
                value={name}
                onChange={(e) => setName(e.target.value)}
                maxLength={60}
                disabled={disabled}
              />
            </Field>
            <button type="button" className="primary" onClick={save} disabled={disabled}>
              {t('ui-camera:save')}
            </button>
          </div>
          <p className="train-hint">{t('ui-camera:saveHint')}</p>
          <ErrorBox text={problem && t(`ui-camera:${problem}`)} />
        </>
      )}
    </section>
  );
}
