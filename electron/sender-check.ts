import { APP_HOST, APP_SCHEME } from './channels';

/** What the main process knows about the frame an IPC message came from. */
export interface SenderFacts {
  /** URL of the sending frame, or undefined when the frame is gone. */
  frameUrl: string | undefined;
  /** The sending frame is the page's top frame (not an iframe). */
  isMainFrame: boolean;
  /** The page belongs to one of the app's own windows. */
  isAppWindow: boolean;
}

/** Only the app's own page, in its top frame, served from the app's protocol, may use the API. */
export function isTrustedSender(facts: SenderFacts): boolean {
  if (!facts.isAppWindow || !facts.isMainFrame || !facts.frameUrl) return false;
  try {
    // `origin` is "null" for custom schemes in URL parsers outside Chromium, so compare the parts.
    const url = new URL(facts.frameUrl);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && !url.username && !url.password;
  } catch {
    return false;
  }
}
