// An in-memory clipboard that records what was written, and can play another app that copies
// something of its own.
import type { Clipboard } from '../../main/app/ports/clipboard';

export class FakeClipboard implements Clipboard {
  text = '';
  readonly writes: string[] = [];
  clears = 0;
  /** When set, readText rejects with this error (a clipboard owned by a hung app). */
  readError: Error | undefined;

  async writeText(text: string): Promise<void> {
    this.text = text;
    this.writes.push(text);
  }

  async readText(): Promise<string> {
    if (this.readError) throw this.readError;
    return this.text;
  }

  async clear(): Promise<void> {
    this.text = '';
    this.clears++;
  }

  /** Another application puts its own text on the clipboard. */
  copyFromOtherApp(text: string): void {
    this.text = text;
  }
}
