// The API over Electron IPC, main-process side: one RPC connection per page, served only to
// messages whose sender passes the check.
import { ipcMain, type IpcMainEvent, type WebContents } from 'electron';
import { apiServiceShape } from '../core/api/schemas';
import { serveRpc, type MessagePortLike, type RpcMessage } from '../core/api/rpc';
import { API_CHANNEL } from './channels';
import { isTrustedSender } from './sender-check';

interface Connection {
  deliver(message: unknown): void;
  close(): void;
}

function connect(contents: WebContents, service: object): Connection {
  const listeners = new Set<(message: unknown) => void>();
  const closeListeners = new Set<() => void>();
  let closed = false;
  const port: MessagePortLike = {
    post(message: RpcMessage) {
      if (!closed && !contents.isDestroyed()) contents.send(API_CHANNEL, message);
    },
    onMessage(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => void closeListeners.delete(listener);
    },
  };
  serveRpc(port, apiServiceShape, service);
  return {
    deliver: (message) => {
      for (const listener of [...listeners]) listener(message);
    },
    close: () => {
      if (closed) return;
      closed = true;
      for (const listener of [...closeListeners]) listener();
    },
  };
}

/** Serves `service` to the app's windows; `isAppWindow` tells whether a WebContents is one of them. */
export function serveApiOverIpc(service: object, isAppWindow: (contents: WebContents) => boolean): () => void {
  const connections = new Map<number, Connection>();

  const connectionFor = (contents: WebContents): Connection => {
    let connection = connections.get(contents.id);
    if (!connection) {
      const created = connect(contents, service);
      connection = created;
      connections.set(contents.id, created);
      const drop = () => {
        created.close();
        if (connections.get(contents.id) === created) connections.delete(contents.id);
        contents.off('did-start-navigation', onNavigation);
      };
      // A reload starts a new page in the same WebContents: its subscriptions start over.
      const onNavigation = (details: { isMainFrame: boolean; isSameDocument: boolean }) => {
        if (details.isMainFrame && !details.isSameDocument) drop();
      };
      contents.once('destroyed', drop);
      contents.on('did-start-navigation', onNavigation);
    }
    return connection;
  };

  const onMessage = (event: IpcMainEvent, message: unknown) => {
    const frame = event.senderFrame;
    const trusted = isTrustedSender({
      frameUrl: frame?.url,
      isMainFrame: Boolean(frame) && frame === event.sender.mainFrame,
      isAppWindow: isAppWindow(event.sender),
    });
    if (!trusted) {
      console.warn(`Refused an API message from an untrusted frame (${frame?.url ?? 'unknown'}).`);
      return;
    }
    connectionFor(event.sender).deliver(message);
  };

  ipcMain.on(API_CHANNEL, onMessage);
  return () => {
    ipcMain.off(API_CHANNEL, onMessage);
    for (const connection of connections.values()) connection.close();
    connections.clear();
  };
}
