// The views main may open the window on (the `navigate` event), named once here. The event's
// schema (preload/contract.ts), main's ViewName (main/app/ports/window.ts) and the window's
// handling of the event (renderer/src/App.tsx, which must handle every name to compile) all
// derive from this list. The region selector is a page of its own (#/region), not a view here.
import { z } from 'zod';

export const NAVIGABLE_VIEWS = ['codes', 'add', 'settings', 'import', 'enrol', 'picker'] as const;
export const navigableView = z.enum(NAVIGABLE_VIEWS);
export type NavigableView = z.infer<typeof navigableView>;

export const navigation = z.object({
  view: navigableView,
  accountId: z.string().optional(),
  /** The picker the hotkey opened: typeCode brings it back, tying the choice to that window. */
  pickerToken: z.string().optional(),
});
export type Navigation = z.infer<typeof navigation>;
