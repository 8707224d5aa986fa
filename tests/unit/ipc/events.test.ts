// Pushed events: every payload is parsed against the contract's schema before it is sent, as
// method results are, so a field the contract does not list (a secret in a view) is stripped and
// a malformed payload is logged instead of reaching the window.
import { describe, expect, it } from 'vitest';
import { createEventSender } from '../../../main/ipc/events';

function recorder() {
  const sent: [string, unknown][] = [];
  const logged: string[] = [];
  const sendEvent = createEventSender(
    (channel, payload) => sent.push([channel, payload]),
    (message) => logged.push(message),
  );
  return { sent, logged, sendEvent };
}

describe('createEventSender', () => {
  it('sends a valid payload on the event channel, stripped to the contract', () => {
    const { sent, logged, sendEvent } = recorder();
    sendEvent('navigate', { view: 'add', secret: 'JBSWY3DPEHPK3PXP' } as never);
    expect(sent).toEqual([['trayotp:navigate', { view: 'add' }]]);
    expect(logged).toEqual([]);
  });

  it('drops and logs a payload that does not match its schema', () => {
    const { sent, logged, sendEvent } = recorder();
    sendEvent('progress', { task: 'import', fraction: 7 });
    sendEvent('navigate', { view: 'nowhere' } as never);
    expect(sent).toEqual([]);
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatch(/progress/);
  });
});
