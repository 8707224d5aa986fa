// The bridge: named methods on window.trayotp (one per entry of the contract), never
// ipcRenderer itself. Arguments are validated again in main; nothing here holds logic.
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { channelOf, EVENT_NAMES, METHOD_NAMES } from './channels';
import type { EventName } from './channels';
import type { TrayOtpApi } from './contract';

const invoke = Object.fromEntries(
  METHOD_NAMES.map((name) => [
    name,
    (...args: unknown[]) => ipcRenderer.invoke(channelOf(name), ...args),
  ]),
);

const api = {
  ...invoke,
  on(event: EventName, listener: (payload: unknown) => void) {
    if (!EVENT_NAMES.includes(event)) throw new Error(`unknown event ${event}`);
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channelOf(event), handler);
    return () => {
      ipcRenderer.removeListener(channelOf(event), handler);
    };
  },
} as unknown as TrayOtpApi;

contextBridge.exposeInMainWorld('trayotp', api);
