// "1 account", "2 accounts": English plural categories through Intl.PluralRules, not `s` glued
// on by hand.
const rules = new Intl.PluralRules('en');

export function plural(count: number, one: string, other = `${one}s`): string {
  return `${count} ${rules.select(count) === 'one' ? one : other}`;
}
