// A page that shows one of the clock components (renderer/src/components/clock) with the props
// a test put on window.__clockFixture, recording every callback in window.__clockCalls. The
// actions resolve to window.__clockReplies[name] (an error sentence) or null. Bundled with
// esbuild by tests/ui/clock-components.test.ts; the app's own wiring is not involved.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import '../../../renderer/src/styles/global.css';
// The Enrol view's styles: the enrol warning is shown the way EnrolView places it, above the code.
import '../../../renderer/src/views/enrol-view.css';
import {
  ClockCheckSettings,
  ClockOffsetBanner,
  CodeNotAccepted,
  EnrolClockWarning,
} from '../../../renderer/src/components/clock';
import type { ClockStatus, ClockWarning, CodeHelp } from '../../../renderer/src/components/clock';

type Fixture =
  | { component: 'banner'; warning: ClockWarning; offsetInUseMs: number; checking?: boolean }
  | { component: 'enrol'; warning: ClockWarning | null; canCorrect: boolean }
  | { component: 'settings'; status: ClockStatus }
  | { component: 'help'; label: string; help: CodeHelp };

declare global {
  interface Window {
    __clockFixture: Fixture;
    __clockCalls: unknown[][];
    __clockReplies: Record<string, string | null>;
  }
}

window.__clockCalls = [];
const record =
  (name: string) =>
  (...args: unknown[]) => {
    window.__clockCalls.push([name, ...args]);
  };
const action =
  (name: string) =>
  async (...args: unknown[]) => {
    window.__clockCalls.push([name, ...args]);
    return window.__clockReplies?.[name] ?? null;
  };

/** Settings as the app would keep them: a successful action updates the status it shows. */
function Settings({ initial }: { initial: ClockStatus }) {
  const [status, setStatus] = useState(initial);
  const then =
    <A extends unknown[]>(name: string, patch: (...args: A) => Partial<ClockStatus>) =>
    async (...args: A) => {
      const error = await action(name)(...args);
      if (!error) setStatus((current) => ({ ...current, ...patch(...args) }));
      return error;
    };
  return (
    <main className="view">
      <h1>Settings</h1>
      <ClockCheckSettings
        status={status}
        onSetEnabled={then('setEnabled', (enabled: boolean) => ({ enabled }))}
        onSetHost={then('setHost', (host: string) => ({ host }))}
        onCheckNow={record('checkNow')}
        onSetCorrection={then(
          'setCorrection',
          (correction: ClockStatus['correction'], seconds?: number) => ({
            correction,
            ...(seconds === undefined ? {} : { manualOffsetSeconds: seconds }),
            offsetInUseMs:
              correction === 'manual'
                ? (seconds ?? status.manualOffsetSeconds) * 1000
                : correction === 'measured'
                  ? (status.measuredOffsetMs ?? 0)
                  : 0,
          }),
        )}
      />
    </main>
  );
}

function Page({ fixture }: { fixture: Fixture }) {
  switch (fixture.component) {
    case 'banner':
      return (
        <ClockOffsetBanner
          warning={fixture.warning}
          offsetInUseMs={fixture.offsetInUseMs}
          checking={fixture.checking ?? false}
          onCorrect={record('correct')}
          onCheckAgain={record('checkAgain')}
          onDismiss={record('dismiss')}
        />
      );
    case 'enrol':
      return (
        <main className="view enrol-view">
          <h1>Example (alice)</h1>
          <EnrolClockWarning
            warning={fixture.warning}
            onCorrect={fixture.canCorrect ? record('correct') : undefined}
          />
          <p className="big-code">123 456</p>
        </main>
      );
    case 'settings':
      return <Settings initial={fixture.status} />;
    case 'help':
      return (
        <main className="view">
          <h1>Codes</h1>
          <CodeNotAccepted
            label={fixture.label}
            help={fixture.help}
            onClose={record('close')}
            onCheckClock={record('checkClock')}
            onResync={action('resync')}
          />
        </main>
      );
  }
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {window.__clockFixture.component === 'banner' ? (
      <main className="view">
        <h1>Codes</h1>
        <Page fixture={window.__clockFixture} />
      </main>
    ) : (
      <Page fixture={window.__clockFixture} />
    )}
  </StrictMode>,
);
