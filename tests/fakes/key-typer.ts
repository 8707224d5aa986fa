// A KeyTyper that records what it typed and when, or fails the way it is told to.
import type { KeyTyper, TypeResult } from '../../main/app/ports/key-typer';

export class FakeKeyTyper implements KeyTyper {
  readonly typed: { text: string; at: number }[] = [];

  constructor(
    private readonly now: () => number,
    public result: TypeResult = { typed: true },
  ) {}

  async type(text: string): Promise<TypeResult> {
    if (this.result.typed) this.typed.push({ text, at: this.now() });
    return this.result;
  }
}
