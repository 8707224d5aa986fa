// `npm run bench:matching`: how well and how fast the hotkey picks an account for the focused
// window, without and with the 2FA Directory, on the 50 titles and 40 accounts of
// tests/support/matching-titles.ts (each title says what a person wants there). Prints correct
// matches, wrong matches and pickers where one account was wanted, then the time per match.
import { performance } from 'node:perf_hooks';
import { matchAccount } from '../main/app/typing/account-matching';
import type { MatchableAccount } from '../main/app/typing/account-matching';
import { createSiteMatcher } from '../main/app/directory/directory-matching';
import { testDirectorySites } from '../tests/support/directory-sites';
import { TITLE_ACCOUNTS, TITLE_CASES } from '../tests/support/matching-titles';

const ROUNDS = 15;
const PASSES = 20;

const sites = testDirectorySites();
const buildStart = performance.now();
const matcher = createSiteMatcher(sites);
const siteInfo = TITLE_ACCOUNTS.map((a) => matcher.infoFor(a.issuer));
const buildMs = performance.now() - buildStart;

/** The accounts as the hotkey builds them on each press (type-code.ts maps its entries anew). */
const modes = {
  without: () => TITLE_ACCOUNTS.map((a): MatchableAccount => ({ ...a, domains: [] })),
  with: () =>
    TITLE_ACCOUNTS.map((a, i): MatchableAccount => {
      const site = siteInfo[i];
      return site ? { ...a, domains: [], site } : { ...a, domains: [] };
    }),
};

interface Tally {
  correct: number;
  wrong: number;
  pickerInstead: number;
  /** Of those pickers, how many listed the wanted account first. */
  pickerFirst: number;
}

function tally(accounts: () => MatchableAccount[]): Tally {
  const counts: Tally = { correct: 0, wrong: 0, pickerInstead: 0, pickerFirst: 0 };
  for (const c of TITLE_CASES) {
    const result = matchAccount(c.title, accounts());
    const got = result.kind === 'match' ? result.id : 'pick';
    if (got === c.want) counts.correct++;
    else if (result.kind === 'pick') {
      counts.pickerInstead++;
      if (result.candidates[0]?.id === c.want) counts.pickerFirst++;
    }
    // A match where the picker was right counts as wrong: a code typed into the wrong page.
    else counts.wrong++;
  }
  return counts;
}

/** Median microseconds for one hotkey match (accounts built and matched) over the 50 titles. */
function microsPerMatch(accounts: () => MatchableAccount[]): number {
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    for (let pass = 0; pass < PASSES; pass++) {
      for (const c of TITLE_CASES) matchAccount(c.title, accounts());
    }
    samples.push(((performance.now() - start) * 1000) / (PASSES * TITLE_CASES.length));
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

const wanted = TITLE_CASES.filter((c) => c.want !== 'pick').length;
console.log(
  `Account matching: ${TITLE_CASES.length} window titles (${wanted} want one account, ` +
    `${TITLE_CASES.length - wanted} the picker), ${TITLE_ACCOUNTS.length} accounts, ` +
    `2FA Directory of ${sites.length} sites (Node ${process.version})`,
);
console.log(
  `directory: matcher built and ${TITLE_ACCOUNTS.length} issuers looked up in ${buildMs.toFixed(1)} ms ` +
    `(${siteInfo.filter(Boolean).length} of ${TITLE_ACCOUNTS.length} issuers known)`,
);
console.log('');
console.log('                    correct   wrong   picker instead of match (wanted one first)');
const results = Object.entries(modes).map(([name, accounts]) => {
  const t = tally(accounts);
  console.log(
    `${`${name} directory`.padEnd(20)}${String(t.correct).padStart(7)}${String(t.wrong).padStart(8)}${String(t.pickerInstead).padStart(12)} (${t.pickerFirst})`,
  );
  return { name, accounts };
});

// Warm up both before timing either, so neither pays for the JIT alone.
for (const { accounts } of results) microsPerMatch(accounts);
const [without, withDirectory] = results.map(({ accounts }) => microsPerMatch(accounts));
console.log('');
console.log(
  `time per match (${TITLE_ACCOUNTS.length} accounts, median of ${ROUNDS} rounds): ` +
    `without ${without!.toFixed(1)} µs, with ${withDirectory!.toFixed(1)} µs, ` +
    `ratio ×${(withDirectory! / without!).toFixed(2)}`,
);
