// Binds the handler table to Electron's ipcMain: one ipcMain.handle per contract method, each
// checking the sender before anything else runs.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { channelOf, METHOD_NAMES } from '../../preload/contract';
import { isTrustedSender } from './sender';
import type { SenderPolicy } from './sender';
import type { IpcTable } from './table';

export class UntrustedSenderError extends Error {
  override readonly name = 'UntrustedSenderError';
}

export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  table: IpcTable,
  policy: SenderPolicy,
): () => void {
  for (const name of METHOD_NAMES) {
    ipcMain.handle(channelOf(name), (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      const frame = event.senderFrame;
      const sender = {
        webContentsId: event.sender.id,
        frameUrl: frame?.url,
        isMainFrame: frame !== null && frame === event.sender.mainFrame,
      };
      if (!isTrustedSender(sender, policy)) {
        throw new UntrustedSenderError(
          `refused ${name} from ${sender.frameUrl ?? 'a closed frame'}`,
        );
      }
      return table.invoke(name, args);
    });
  }
  return () => {
    for (const name of METHOD_NAMES) ipcMain.removeHandler(channelOf(name));
  };
}
