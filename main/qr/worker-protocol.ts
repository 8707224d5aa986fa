// Messages between the QR worker and its client.
import type { QrErrorCode } from './errors';
import type { Frame } from './frame';
import type { ScanOptions, ScanResult } from './pipeline';

export interface WorkerRequest {
  id: number;
  frame: Frame;
  /** Without `now`: functions cannot cross to a worker; it uses its own clock. */
  options: Omit<ScanOptions, 'now'>;
}

export type WorkerReply =
  | { id: number; result: ScanResult }
  | { id: number; error: { message: string; code: QrErrorCode | undefined } };
