import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageFit } from '../../../core/model/image-fit';
import { decodeImageFile } from '../ui/image-decode';
import { isMnistShape, toModelInput, type ModelInput, type RgbaImage } from '../ui/image-input';
import { useLatest } from '../ui/use-latest';
import { SampleImage } from '../ui/SampleImage';
import { CodeText } from '../ui/CodeText';

/**
 * Images are decoded at most this large before being fitted to the model's size (a 64-megabyte
 * canvas); up to it, the model gets exactly the numbers training computed for the same file.
 */
const MAX_DECODE_SIDE = 4096;

interface Source {
  name: string;
  url: string;
  image: RgbaImage;
}

/**
 * An image file dropped here or chosen, converted to the model's input shape and shown as the
 * model sees it. `onInput` receives the values to predict, or undefined when there are none.
 */
export function ImageInput({
  shape,
  fit,
  onInput,
  layout,
}: {
  shape: [number, number, number];
  fit: ImageFit;
  onInput(values: number[] | undefined): void;
  layout: 'row' | 'column';
}) {
  const { t } = useTranslation();
  const [source, setSource] = useState<Source>();
  const [input, setInput] = useState<ModelInput>();
  const [error, setError] = useState<string>();
  const [over, setOver] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  const report = useLatest(onInput);
  const shapeKey = shape.join('×');

  useEffect(() => {
    if (!source) return;
    return () => URL.revokeObjectURL(source.url);
  }, [source]);

  useEffect(() => {
    if (!source) return;
    const converted = toModelInput(source.image, shape, fit);
    if (converted.blank) {
      setInput(undefined);
      setError(t('ui-try:tryImage.blank', { name: source.name }));
      report.current(undefined);
      return;
    }
    setInput(converted);
    setError(undefined);
    report.current(converted.values);
    // The shape is compared by value (shapeKey): a new array of the same shape changes nothing.
  }, [source, shapeKey, fit, t]);

  const take = async (file: File | undefined) => {
    if (!file) return;
    try {
      const image = await decodeImageFile(file, MAX_DECODE_SIDE);
      setSource({ name: file.name, url: URL.createObjectURL(file), image });
    } catch {
      setSource(undefined);
      setInput(undefined);
      setError(t('ui-try:tryImage.notImage', { name: file.name }));
      report.current(undefined);
    }
  };

  return (
    <div className={`image-input image-input--${layout}`}>
      <div
        className={`image-drop${over ? ' image-drop--over' : ''}`}
        data-testid="image-drop"
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          void take(e.dataTransfer.files[0]);
        }}
      >
        <p className="image-drop__title">
          {source ? t('ui-try:tryImage.dropAgain') : `${t('ui-try:tryImage.drop')} ${t('ui-try:tryImage.or')}`}
        </p>
        <button type="button" onClick={() => picker.current?.click()}>
          {t('ui-try:tryImage.choose')}
        </button>
        <span className="image-drop__formats">{t('ui-try:tryImage.formats')}</span>
        <input
          ref={picker}
          type="file"
          accept="image/*"
          hidden
          aria-label={t('ui-try:tryImage.fileInput')}
          data-testid="image-file"
          onChange={(e) => {
            void take(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </div>
      {error && (
        <p className="error-box image-input__error" role="alert" data-testid="image-error">
          <CodeText text={error} />
        </p>
      )}
      {source && input && !error && (
        <div className="image-input__views" data-testid="image-views">
          <figure>
            <img src={source.url} alt={t('ui-try:tryImage.original', { name: source.name })} className="image-input__original" />
            <figcaption>{t('ui-try:tryImage.original', { name: source.name })}</figcaption>
          </figure>
          <figure>
            <SampleImage values={input.values} shape={shape} size={140} label={t('ui-try:tryImage.seenLabel', { shape: shapeKey })} />
            <figcaption>{t('ui-try:tryImage.seen', { shape: shapeKey })}</figcaption>
          </figure>
          {isMnistShape(shape) && (
            <p className="train-hint image-input__note">{input.inverted ? t('ui-try:tryImage.inverted') : t('ui-try:tryImage.centred')}</p>
          )}
        </div>
      )}
    </div>
  );
}
