import { describe, expect, it } from 'vitest';
import { APP_START_URL } from './channels';
import { allowPermission } from './permissions';

describe('the desktop app’s permissions', () => {
  it('lets the app’s own page use the camera, and nothing else', () => {
    expect(allowPermission({ permission: 'media', requestingUrl: APP_START_URL, isMainFrame: true, mediaTypes: ['video'] })).toBe(true);
    // A permission check (no media types) from the app's page: the camera is allowed.
    expect(allowPermission({ permission: 'media', requestingUrl: APP_START_URL, isMainFrame: true })).toBe(true);
    // The microphone is not needed, so not given.
    expect(allowPermission({ permission: 'media', requestingUrl: APP_START_URL, isMainFrame: true, mediaTypes: ['video', 'audio'] })).toBe(
      false,
    );
    expect(allowPermission({ permission: 'media', requestingUrl: APP_START_URL, isMainFrame: true, mediaTypes: ['audio'] })).toBe(false);
    expect(allowPermission({ permission: 'media', requestingUrl: APP_START_URL, isMainFrame: true, mediaTypes: [] })).toBe(false);
  });

  it('denies every other permission, and the camera to any other page or frame', () => {
    for (const permission of ['geolocation', 'notifications', 'clipboard-read', 'midi', 'fullscreen', 'openExternal', 'display-capture']) {
      expect(allowPermission({ permission, requestingUrl: APP_START_URL, isMainFrame: true })).toBe(false);
    }
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:3000/',
      'app://evil/index.html',
      'app://user:pw@neuroblocks/index.html',
      'file:///index.html',
      'not a url',
      undefined,
    ]) {
      expect(allowPermission({ permission: 'media', requestingUrl: url, isMainFrame: true, mediaTypes: ['video'] })).toBe(false);
    }
    expect(allowPermission({ permission: 'media', requestingUrl: APP_START_URL, isMainFrame: false, mediaTypes: ['video'] })).toBe(false);
  });
});
