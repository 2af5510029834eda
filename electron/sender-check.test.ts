import { describe, expect, it } from 'vitest';
import { isTrustedSender } from './sender-check';

describe('IPC sender check', () => {
  const ok = { frameUrl: 'app://neuroblocks/index.html', isMainFrame: true, isAppWindow: true };

  it('accepts the app page in its own window', () => {
    expect(isTrustedSender(ok)).toBe(true);
  });

  it('refuses other origins, iframes, foreign windows and vanished frames', () => {
    for (const frameUrl of [
      'https://evil.example/',
      'file:///etc/passwd',
      'app://other/index.html',
      'app://neuroblocks.evil/x',
      'not a url',
      undefined,
    ]) {
      expect(isTrustedSender({ ...ok, frameUrl }), String(frameUrl)).toBe(false);
    }
    expect(isTrustedSender({ ...ok, isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ ...ok, isAppWindow: false })).toBe(false);
  });
});
