// An ActiveWindow whose title the test sets (undefined: no focused window).
import type { ActiveWindow } from '../../main/app/ports/active-window';

export class FakeActiveWindow implements ActiveWindow {
  constructor(public current: string | undefined) {}

  async title(): Promise<string | undefined> {
    return this.current;
  }
}
