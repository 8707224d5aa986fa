// "Open TrayOTP to choose" (issue 16): the extension (or the hotkey) met a site no account is
// bound to. The window shows the accounts; the person chooses the one for that site, and it is
// bound here, in TrayOTP's own window — never by the page. The banner says to check the address:
// a look-alike asks exactly this.
//
// Issue 23 (R5): the binding is the page's exact address by default; "this site and its
// subdomains" ("*.example.com", from main: the Public Suffix List knows where a site ends) is a
// choice the person makes here, said in words before anything is bound.
import { useId, useState } from 'react';
import type { RefObject } from 'react';
import type { AccountView } from '../../../../preload/contract';
import type { CodeMap } from '../../hooks/useCodes';
import { api, call } from '../../lib/api';
import { accountLabel } from '../../lib/format';
import { CodesView } from '../../views/codes/CodesView';
import type { CodesActions } from '../../views/codes/CodesView';
import { WindowFrame } from '../WindowFrame';
import { useNotify } from '../Toasts';
import './browser.css';

export function BindSiteView({
  domain,
  wholeSite,
  accounts,
  codes,
  actions,
  searchRef,
  onDone,
}: {
  /** The page's host: what is bound unless the person chooses `wholeSite`. */
  domain: string;
  /** "*.example.com": the site and its subdomains; absent where there is none (loopback). */
  wholeSite?: string | null | undefined;
  accounts: readonly AccountView[];
  codes: CodeMap;
  actions: CodesActions;
  searchRef: RefObject<HTMLInputElement | null>;
  onDone: (account?: AccountView) => void;
}) {
  const { toast } = useNotify();
  const [wide, setWide] = useState(false);
  const scopeName = useId();
  const site = wholeSite ? wholeSite.slice(2) : undefined;
  const binding = wide && wholeSite ? wholeSite : domain;
  const bind = async (account: AccountView) => {
    const domains = account.domains.includes(binding)
      ? account.domains
      : [...account.domains, binding];
    const result = await call(() => api().updateAccount(account.id, { domains }));
    if (!result.ok) return toast({ message: result.error.message });
    const where = binding === domain ? domain : `${site} and its subdomains`;
    toast({ message: `${accountLabel(account)} is bound to ${where}. Ask the page again.` });
    onDone(result.value);
  };
  return (
    <WindowFrame
      title="Bind a site"
      nav={
        <button type="button" onClick={() => onDone()}>
          Cancel
        </button>
      }
    >
      <div className="banner notice warning bind-site" role="region" aria-labelledby="bind-title">
        <h2 id="bind-title">No account is bound to {domain}</h2>
        <p>
          Choose the account you sign in to at <strong>{domain}</strong>. Check the browser’s
          address first: a page that only looks like the site is not it.
        </p>
        {site && (
          <fieldset className="bind-scope">
            <legend>Fill the code on</legend>
            <label className="check">
              <input
                type="radio"
                name={scopeName}
                checked={!wide}
                onChange={() => setWide(false)}
              />
              <span>
                <strong>{domain}</strong> only
              </span>
            </label>
            <label className="check">
              <input type="radio" name={scopeName} checked={wide} onChange={() => setWide(true)} />
              <span>
                <strong>{site}</strong> and all its subdomains ({wholeSite})
              </span>
            </label>
          </fieldset>
        )}
      </div>
      <CodesView
        accounts={accounts}
        codes={codes}
        actions={{ ...actions, choose: (account) => void bind(account) }}
        chooseLabel="Bind"
        searchRef={searchRef}
      />
    </WindowFrame>
  );
}
