// Where the app's pages may navigate: to pages of the app itself (app://neuroblocks/…), never to the
// web, the file system or another scheme, in the main frame or in any sub-frame. Electron-free, so
// that it is tested without the desktop app.
import { APP_ORIGIN } from './channels';

/** True for a URL of the app's own pages. */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return `${parsed.protocol}//${parsed.host}` === APP_ORIGIN && parsed.username === '' && parsed.password === '';
}

/** The part of Electron's navigation events used here (`event.url` is where the frame would go). */
export interface NavigationEvent {
  url: string;
  preventDefault(): void;
}

/** The part of a WebContents this needs. */
export interface NavigatingContents {
  on(event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
}

/**
 * Refuses every navigation away from the app: `will-navigate` (the main frame), `will-frame-navigate`
 * (any frame, sub-frames included) and `will-redirect` (a server redirect, which the app never makes).
 */
export function denyNavigationAway(contents: NavigatingContents): void {
  const guard = (event: NavigationEvent) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-frame-navigate', guard);
  contents.on('will-redirect', (event) => event.preventDefault());
}
