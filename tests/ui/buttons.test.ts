// A primary button keeps its colours under the mouse: the generic button hover rule once
// outranked `button.primary`, turning a hovered Unlock into white text on light grey.
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/harness';
import { useSession } from './support/session';

describe('primary buttons', () => {
  const session = useSession();

  for (const theme of ['light', 'dark'] as const) {
    it(`stay readable when hovered (${theme})`, async () => {
      const { page, errors } = await session.open({
        vault: 'locked',
        passphrase: 'correct horse',
        colorScheme: theme,
      });
      const unlock = page.getByRole('button', { name: 'Unlock', exact: true });
      await page.getByLabel('Passphrase').fill('x');
      const before = await unlock.evaluate((b) => getComputedStyle(b).backgroundColor);
      await unlock.hover();
      const hovered = await unlock.evaluate((b) => getComputedStyle(b).backgroundColor);
      expect(hovered).toBe(before);
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    });
  }
});
