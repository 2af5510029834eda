import type { NeuroblocksApi } from '../../core/api/contract';
import { connectApi as connectHost } from '../../core/api/connect';

let api: NeuroblocksApi | undefined;

/** The API of the host that runs this page: the desktop app's preload, or the web host over its WebSocket. */
export function connectApi(): NeuroblocksApi {
  api ??= connectHost();
  return api;
}

export function getApi(): NeuroblocksApi {
  return connectApi();
}
