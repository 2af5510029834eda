import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { APP_START_URL } from './channels';
import { denyNavigationAway, isAppUrl, type NavigatingContents } from './navigation';

/** Emits a navigation event the way Electron does and tells whether a listener prevented it. */
function navigate(contents: EventEmitter, event: string, url: string): boolean {
  let prevented = false;
  contents.emit(event, { url, preventDefault: () => (prevented = true) });
  return prevented;
}

const away = [
  'https://example.com/',
  'http://127.0.0.1:8080/?token=x',
  'file:///etc/passwd',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'app://other/index.html',
  'app://neuroblocks.evil.example/index.html',
  'app://user@neuroblocks/index.html',
  'about:blank',
  'chrome://gpu',
  'not a url',
];

describe('navigation of the app’s pages', () => {
  it('knows the app’s own pages from everything else', () => {
    expect(isAppUrl(APP_START_URL)).toBe(true);
    expect(isAppUrl('app://neuroblocks/index.html#/editor')).toBe(true);
    for (const url of away) expect(isAppUrl(url), url).toBe(false);
  });

  it('denies will-frame-navigate and will-navigate away from the app, in any frame, and lets the app’s own pages load', () => {
    const contents = new EventEmitter();
    denyNavigationAway(contents as unknown as NavigatingContents);
    for (const event of ['will-frame-navigate', 'will-navigate']) {
      for (const url of away) expect(navigate(contents, event, url), `${event} ${url}`).toBe(true);
      expect(navigate(contents, event, APP_START_URL), event).toBe(false);
    }
    expect(contents.listenerCount('will-frame-navigate')).toBe(1);
  });

  it('denies every redirect', () => {
    const contents = new EventEmitter();
    denyNavigationAway(contents as unknown as NavigatingContents);
    expect(navigate(contents, 'will-redirect', 'https://example.com/')).toBe(true);
    expect(navigate(contents, 'will-redirect', APP_START_URL)).toBe(true);
  });
});
