// The files that let browsers start TrayOTP's native-messaging host (a launcher and one manifest
// per browser), as the browser service needs them: written while Settings' browser switch is on,
// removed when it goes off. The adapter, main/platform/host-files.ts, writes them (tests use it
// for real against a temporary home, or pass a fake).
import type { BrowserName } from '../../browser/manifests';

export interface BrowserHostFiles {
  /** Writes the launcher and the manifests; returns the browsers a manifest was written for. */
  install(): Promise<BrowserName[]>;
  remove(): Promise<void>;
}
