// An ActiveWindow whose title the test sets (undefined: no focused window), and the program
// owning it (undefined: none read, as where no adapter can tell).
import type { ActiveWindow, FocusedProgram } from '../../main/app/ports/active-window';

export class FakeActiveWindow implements ActiveWindow {
  /** The focused window's program; a function reads it at press time (a real X server). */
  focusedProgram: FocusedProgram | (() => Promise<FocusedProgram | undefined>) | undefined;

  constructor(public current: string | undefined) {}

  async title(): Promise<string | undefined> {
    return this.current;
  }

  async program(): Promise<FocusedProgram | undefined> {
    const program = this.focusedProgram;
    return typeof program === 'function' ? program() : program;
  }
}
