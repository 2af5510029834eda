/** The one IPC channel the API travels on, both ways. */
export const API_CHANNEL = 'neuroblocks:api';

/** The custom protocol the app's pages are served from (never plain file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'neuroblocks';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;
