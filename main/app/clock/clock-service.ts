// The clock check's service (main/time/service.ts) as the app builds it: its settings kept where
// the adapter says, one measurement made as the adapter says; without them, kept in memory, and
// a check says this build cannot run one.
import type { Clock } from '../../time/clock';
import { TimeCheckError } from '../../time/errors';
import type { ClockMeasurement } from '../../time/offset';
import { ClockService } from '../../time/service';
import { memoryClockSettings } from '../../time/settings';
import type { ClockSettingsStore } from '../../time/settings';

export interface ClockCheckAdapters {
  store: ClockSettingsStore;
  measure: (host: string) => Promise<ClockMeasurement>;
}

export function clockServiceFor(clock: Clock, adapters?: ClockCheckAdapters): ClockService {
  return new ClockService({
    clock,
    store: adapters?.store ?? memoryClockSettings(),
    measure:
      adapters?.measure ??
      (async () => {
        throw new TimeCheckError('internal', 'This build of TrayOTP cannot check the clock.');
      }),
  });
}
