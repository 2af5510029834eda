// Which permission requests the desktop app grants: the camera, for the app's own page only (to
// collect images and try a model live); everything else, from any page, stays denied.
import { APP_HOST, APP_SCHEME } from './channels';

/** What the main process knows about a permission request or check. */
export interface PermissionFacts {
  permission: string;
  /** URL of the page or frame asking. */
  requestingUrl: string | undefined;
  /** The frame asking is the page's top frame. */
  isMainFrame: boolean;
  /** For `media`: the kinds of device asked for ('video', 'audio'); absent in a permission check. */
  mediaTypes?: readonly string[];
}

function isAppPage(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}

/** True only for the camera (video, no microphone) asked by the app's own page in its top frame. */
export function allowPermission(facts: PermissionFacts): boolean {
  if (facts.permission !== 'media' || !facts.isMainFrame || !isAppPage(facts.requestingUrl)) return false;
  const types = facts.mediaTypes ?? ['video'];
  return types.length > 0 && types.every((t) => t === 'video');
}
