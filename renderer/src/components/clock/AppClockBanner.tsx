// The clock banner above the codes, fed by the app state: shown when the last check found the
// clock off by more than the warning threshold and the person has not said "Not now".
import type { AppState } from '../../../../preload/contract';
import { useNotify } from '../Toasts';
import { clockActions } from './clock-actions';
import { ClockOffsetBanner } from './ClockOffsetBanner';

export function AppClockBanner({ clock }: { clock: AppState['clock'] }) {
  const { toast } = useNotify();
  if (!clock.banner || !clock.warning) return null;
  const tell = (message: string | null) => void (message && toast({ message }));
  return (
    <ClockOffsetBanner
      warning={clock.warning}
      offsetInUseMs={clock.offsetInUseMs}
      checking={clock.checking}
      onCorrect={() => void clockActions.setCorrection('measured').then(tell)}
      onCheckAgain={() => void clockActions.checkNow().then(tell)}
      onDismiss={() => void clockActions.dismissBanner().then(tell)}
    />
  );
}
