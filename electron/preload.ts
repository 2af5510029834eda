// Runs in the page's sandboxed preload. Exposes exactly the API (its methods and `on…` events)
// as `window.neuroblocks`, and nothing else: no ipcRenderer, no Node.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_GLOBAL, apiEvents, apiMethods, type NeuroblocksApi } from '../core/api/contract';
import { createRpcClient, forBridge, type MessagePortLike } from '../core/api/rpc';
import { API_CHANNEL } from './channels';

const port: MessagePortLike = {
  post: (message) => ipcRenderer.send(API_CHANNEL, message),
  onMessage(listener) {
    const handler = (_event: IpcRendererEvent, message: unknown) => listener(message);
    ipcRenderer.on(API_CHANNEL, handler);
    return () => void ipcRenderer.removeListener(API_CHANNEL, handler);
  },
};

const shape = { methods: apiMethods, events: apiEvents };
const exposed = forBridge(createRpcClient<NeuroblocksApi>(port, shape), shape);
contextBridge.exposeInMainWorld(API_GLOBAL, Object.freeze(exposed));
