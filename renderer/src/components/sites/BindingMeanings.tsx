// What each site in the Edit view's Sites field means, in words, as the person types (issue 23,
// R5): a bare address fills on that address only; "*." and an address fills on it and all its
// subdomains. Main checks each one properly when the person saves.
import { useId } from 'react';
import { looseHost } from './SiteSuggestions';
import './sites.css';

export function bindingMeaning(item: string): { site: string; meaning: string } {
  const text = item.trim().toLowerCase();
  if (text.startsWith('*.')) {
    const host = looseHost(text.slice(2));
    return { site: `*.${host}`, meaning: `${host} and all its subdomains` };
  }
  return { site: looseHost(text), meaning: 'this address only' };
}

export function BindingMeanings({ fieldItems }: { fieldItems: readonly string[] }) {
  const labelId = useId();
  if (fieldItems.length === 0) return null;
  return (
    <div className="binding-meanings">
      <span id={labelId}>Codes are filled on:</span>
      <ul aria-labelledby={labelId}>
        {fieldItems.map((item) => {
          const { site, meaning } = bindingMeaning(item);
          return (
            <li key={item}>
              <span className="site-suggestion-host">{site}</span>: {meaning}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
