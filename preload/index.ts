// The bridge: named methods on window.trayotp, never ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron';
import { channels } from './contract';
import type { TrayOtpApi } from './contract';

const api: TrayOtpApi = {
  appInfo: () => ipcRenderer.invoke(channels.appInfo),
};

contextBridge.exposeInMainWorld('trayotp', api);
