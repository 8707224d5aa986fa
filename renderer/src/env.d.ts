/// <reference types="vite/client" />
// The renderer sees the preload bridge as window.trayotp, typed from preload/contract.ts.
import type { TrayOtpApi } from '../../preload/contract';

declare global {
  interface Window {
    trayotp: TrayOtpApi;
  }
}
