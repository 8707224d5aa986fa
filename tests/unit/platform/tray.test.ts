// The tray adapter with a fake Tray and Menu builder: the model becomes MenuItems, clicks run
// actions, labels are escaped, and the menu is rebuilt when a period turns.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { TrayAction, TrayState } from '../../../main/app/shared/tray-menu';
import { escapeLabel, TrayService } from '../../../main/platform/tray';
import { FakeClock } from '../../fakes/clock';

function setup(state: Partial<TrayState> = {}, platform = 'linux') {
  const clock = new FakeClock(Date.UTC(2026, 10, 28, 12, 0, 10));
  const menus: MenuItemConstructorOptions[][] = [];
  const tooltips: string[] = [];
  const actions: TrayAction[] = [];
  const service = new TrayService({
    tray: {
      setContextMenu: (menu) => menus.push(menu as unknown as MenuItemConstructorOptions[]),
      setToolTip: (text) => tooltips.push(text),
    },
    buildMenu: (template) => template as never,
    clock,
    platform,
    state: () => ({
      locked: false,
      pinned: [{ id: 'a', issuer: 'Barnes & Noble', name: 'me', type: 'totp', period: 30 }],
      recent: [],
      nowMs: clock.now(),
      ...state,
    }),
    onAction: (action) => actions.push(action),
  });
  return { service, clock, menus, tooltips, actions };
}

describe('TrayService', () => {
  it('renders the model, escaping & on Linux and Windows but not macOS', () => {
    const { service, menus } = setup();
    service.render();
    const first = menus[0]![0]!;
    expect(first).toMatchObject({
      id: 'account:a',
      label: 'Barnes && Noble · me  20 s',
      enabled: true,
    });
    expect(escapeLabel('A & B', 'darwin')).toBe('A & B');
    expect(escapeLabel('A & B', 'win32')).toBe('A && B');
  });

  it('clicking an account copies its code; Quit quits', () => {
    const { service, menus, actions } = setup();
    service.render();
    const items = menus[0]!;
    items.find((i) => i.id === 'account:a')!.click!({} as never, undefined, {} as never);
    items.find((i) => i.id === 'quit')!.click!({} as never, undefined, {} as never);
    expect(actions).toEqual([{ type: 'copy-code', accountId: 'a' }, { type: 'quit' }]);
  });

  it('rebuilds at the next refresh step so the seconds left stay true', async () => {
    const { service, menus, clock } = setup();
    service.render();
    await clock.advance(4_999);
    expect(menus).toHaveLength(1);
    await clock.advance(1);
    expect(menus).toHaveLength(2);
    expect(menus[1]![0]!.label).toBe('Barnes && Noble · me  15 s');
    service.dispose();
    await clock.advance(60_000);
    expect(menus).toHaveLength(2);
  });

  it('locked: no accounts, a tooltip that says so, and no rebuild timer', async () => {
    const { service, menus, tooltips, clock } = setup({ locked: true });
    service.render();
    expect(menus[0]!.map((i) => i.label)).toContain('TrayOTP is locked');
    expect(menus[0]!.some((i) => i.id?.startsWith('account:'))).toBe(false);
    expect(tooltips).toEqual(['TrayOTP (locked)']);
    expect(clock.pending()).toEqual([]);
  });
});
