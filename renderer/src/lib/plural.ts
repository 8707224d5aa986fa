// "1 second", "2 seconds": English plural categories through Intl.PluralRules, so no sentence
// says "1 seconds left". One place for the window (the CLI has its own, main/cli/plural.ts:
// the renderer does not import main).
const rules = new Intl.PluralRules('en');

export function plural(count: number, one: string, other = `${one}s`): string {
  return `${count} ${rules.select(count) === 'one' ? one : other}`;
}
