// The camera: opening it, taking square frames from it, and turning recorded frames into the
// files of an image folder (one sub-folder per class).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RgbaImage } from '../ui/image-input';
import type { PickedFile } from './data-import';

/** Side of the square PNG images saved from the camera: the training resizes them to the Input's shape. */
export const SHOT_SIDE = 96;

export interface CameraClass {
  id: number;
  name: string;
  /** PNG images as data URLs, oldest first. */
  shots: { id: number; url: string }[];
}

const FORBIDDEN = /[\\/:*?"<>|\p{Cc}]/u;

/** The files of the image folder the classes make, or why they cannot be saved. */
export function cameraFolderFiles(classes: CameraClass[]): { files: PickedFile[] } | { problem: 'needTwo' | 'badNames' } {
  const recorded = classes.filter((c) => c.shots.length > 0);
  if (recorded.length < 2) return { problem: 'needTwo' };
  const names = recorded.map((c) => c.name.trim());
  if (
    names.some((n) => n === '' || n.startsWith('.') || FORBIDDEN.test(n) || n.length > 100) ||
    new Set(names.map((n) => n.toLowerCase())).size !== names.length
  )
    return { problem: 'badNames' };
  const files = recorded.flatMap((c, i) =>
    c.shots.map((shot, k) => {
      const bytes = dataUrlBytes(shot.url);
      return { path: `${names[i]}/${String(k + 1).padStart(4, '0')}.png`, size: bytes.length, read: async () => bytes.slice().buffer };
    }),
  );
  return { files };
}

/** The bytes of a base64 data URL. */
export function dataUrlBytes(url: string): Uint8Array {
  const text = atob(url.slice(url.indexOf(',') + 1));
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** The centre square of the video's frame, drawn at `side` × `side`. */
export function drawSquare(video: HTMLVideoElement, canvas: HTMLCanvasElement, side: number): CanvasRenderingContext2D | undefined {
  const width = video.videoWidth;
  const height = video.videoHeight;
  if (!width || !height) return undefined;
  canvas.width = side;
  canvas.height = side;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return undefined;
  const crop = Math.min(width, height);
  context.drawImage(video, (width - crop) / 2, (height - crop) / 2, crop, crop, 0, 0, side, side);
  return context;
}

/** A frame of the video as RGBA pixels (the centre square, at most 224 × 224). */
export function frameImage(video: HTMLVideoElement, canvas: HTMLCanvasElement): RgbaImage | undefined {
  const side = Math.min(224, video.videoWidth, video.videoHeight);
  const context = drawSquare(video, canvas, side);
  if (!context) return undefined;
  return { data: context.getImageData(0, 0, side, side).data, width: side, height: side };
}

/** The camera's stream on a video element, opened on demand and closed when no longer used. */
export function useCamera() {
  const video = useRef<HTMLVideoElement>(null);
  const [stream, setStream] = useState<MediaStream>();
  const [error, setError] = useState<{ key: 'denied' | 'unavailable'; reason?: string }>();

  const stop = useCallback(() => {
    setStream((s) => {
      s?.getTracks().forEach((track) => track.stop());
      return undefined;
    });
  }, []);

  const start = useCallback(async () => {
    if (!navigator.mediaDevices?.getUserMedia) {
      setError({ key: 'unavailable' });
      return;
    }
    try {
      const opened = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 } }, audio: false });
      setError(undefined);
      setStream(opened);
    } catch (e) {
      setError({ key: 'denied', reason: (e as Error).name || String(e) });
    }
  }, []);

  useEffect(() => {
    if (video.current && stream) {
      video.current.srcObject = stream;
      void video.current.play().catch(() => undefined);
    }
  }, [stream]);

  // The camera goes off when the panel closes.
  useEffect(() => () => stream?.getTracks().forEach((track) => track.stop()), [stream]);

  return { video, stream, error, start, stop };
}
