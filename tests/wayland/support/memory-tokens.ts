// The restore-token store the tests give the typer: in memory, with every save recorded.
import type { RestoreTokenStore } from '../../../main/platform/wayland/portal-key-typer';

export class MemoryTokens implements RestoreTokenStore {
  token: string | undefined;
  saves: (string | undefined)[] = [];
  load() {
    return this.token;
  }
  save(token: string | undefined) {
    this.token = token;
    this.saves.push(token);
  }
}
