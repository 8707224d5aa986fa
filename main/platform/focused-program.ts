// What Windows and macOS share in reading the focused program (issue 23, R1): the system API is
// bound on first use (a machine without it gives no program, so the title path stays), our own
// process is never a browser's, and the executable is added when the system can name it.
import type { ActiveWindow, FocusedProgram } from '../app/ports/active-window';

export interface ProgramLookup<Api> {
  load: () => Api;
  /** The focused process's id, or undefined when there is none. */
  pid: (api: Api) => number | undefined;
  executable: (api: Api, pid: number) => string | undefined;
  ownPid: number;
}

/** `active` with program() from the lookup. */
export function withFocusedProgram<Api>(
  active: ActiveWindow,
  lookup: ProgramLookup<Api>,
): ActiveWindow {
  let api: Api | undefined;
  return {
    title: () => active.title(),
    async program(): Promise<FocusedProgram | undefined> {
      try {
        api ??= lookup.load();
      } catch {
        return undefined; // no such API here: no program, the title path stays
      }
      const pid = lookup.pid(api);
      if (pid === undefined || pid <= 0 || pid === lookup.ownPid) return undefined;
      const executable = lookup.executable(api, pid);
      return { pid, ...(executable && { executable }) };
    },
  };
}
