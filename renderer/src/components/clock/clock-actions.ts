// The clock components' actions over the bridge: each resolves to the error sentence to show, or
// null. The new status reaches the window with the state main pushes after every change.
import type { Result } from '../../../../preload/contract';
import { api, call } from '../../lib/api';
import type { ClockCorrectionMode } from './types';

async function run<T>(action: () => Promise<Result<T>>): Promise<string | null> {
  const result = await call(action);
  return result.ok ? null : result.error.message;
}

export const clockActions = {
  checkNow: () => run(() => api().clockCheckNow()),
  setEnabled: (enabled: boolean) => run(() => api().clockSetEnabled(enabled)),
  setHost: (host: string) => run(() => api().clockSetHost(host)),
  setCorrection: (mode: ClockCorrectionMode, manualOffsetSeconds?: number) =>
    run(() => api().clockSetCorrection(mode, manualOffsetSeconds)),
  dismissBanner: () => run(() => api().clockDismissBanner()),
};
