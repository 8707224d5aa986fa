// What the window does with an account from the codes list: copy its code (or type it, in the
// hotkey's picker), delete it with Undo, pin, reorder, take the next HOTP code. Each failure
// is said in a toast.
import { useCallback, useMemo } from 'react';
import type { AccountView } from '../../../preload/contract';
import { useNotify } from '../components/Toasts';
import { api, call } from '../lib/api';
import { accountLabel } from '../lib/format';
import { plural } from '../lib/plural';
import type { CodesActions } from '../views/codes/CodesView';
import type { View } from './view-state';

export function useAccountActions({
  view,
  setView,
  refresh,
  refreshCodes,
}: {
  view: View;
  setView: (view: View) => void;
  /** Pulls the app state again. */
  refresh: () => Promise<void>;
  /** Pulls the codes again. */
  refreshCodes: () => void;
}): {
  copy: (account: AccountView) => Promise<void>;
  remove: (account: AccountView) => Promise<void>;
  actions: CodesActions;
} {
  const { toast } = useNotify();

  const copy = useCallback(
    async (account: AccountView) => {
      const result = await call(() => api().copyCode(account.id));
      if (!result.ok) return toast({ message: result.error.message });
      const seconds = result.value.clearsInSeconds;
      toast({
        message:
          `Copied the ${account.issuer || account.name} code.` +
          (seconds > 0 ? ` The clipboard clears in ${plural(seconds, 'second')}.` : ''),
      });
    },
    [toast],
  );

  const typeCode = useCallback(
    async (account: AccountView, pickerToken?: string) => {
      const result = await call(() => api().typeCode(account.id, pickerToken));
      if (!result.ok) toast({ message: result.error.message });
      setView({ name: 'codes' });
    },
    [toast, setView],
  );

  const remove = useCallback(
    async (account: AccountView) => {
      const result = await call(() => api().removeAccount(account.id));
      if (!result.ok) return toast({ message: result.error.message });
      setView({ name: 'codes' });
      await refresh();
      const token = result.value.undoToken;
      toast({
        message: `Deleted ${accountLabel(account)}.`,
        action: {
          label: 'Undo',
          run: () => {
            void call(() => api().undoRemove(token)).then(async (undone) => {
              if (!undone.ok) toast({ message: undone.error.message });
              else {
                await refresh();
                setView({ name: 'codes', activeId: undone.value.id });
                toast({ message: `Restored ${accountLabel(undone.value)}.` });
              }
            });
          },
        },
      });
    },
    [toast, refresh, setView],
  );

  const actions: CodesActions = useMemo(
    () => ({
      choose: (account) =>
        void (view.name === 'picker' ? typeCode(account, view.pickerToken) : copy(account)),
      edit: (account) => setView({ name: 'edit', id: account.id }),
      togglePin: (account) =>
        void call(() => api().updateAccount(account.id, { pinned: !account.pinned })).then(
          (result) => {
            if (!result.ok) toast({ message: result.error.message });
            return refresh();
          },
        ),
      reorder: (ids) =>
        void call(() => api().reorder(ids)).then((result) => {
          if (!result.ok) toast({ message: result.error.message });
          return refresh();
        }),
      nextHotp: (account) =>
        void call(() => api().nextHotp(account.id)).then((result) => {
          if (!result.ok) toast({ message: result.error.message });
          refreshCodes();
        }),
      hide: () => void api().hideWindow(),
      setup: () => setView({ name: 'setup' }),
    }),
    [view, typeCode, copy, toast, refresh, refreshCodes, setView],
  );

  return { copy, remove, actions };
}
