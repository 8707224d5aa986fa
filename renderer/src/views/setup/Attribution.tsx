// Whose list the directory is, and its licence, under the sites.
import { DIRECTORY_COPYRIGHT, MIT_PERMISSION } from '../../lib/directory-licence';

export function Attribution() {
  return (
    <footer className="directory-attribution">
      <p className="hint">
        Site list: the 2FA Directory by 2factorauth and contributors, under the MIT License.
      </p>
      <details>
        <summary>MIT License of the site list</summary>
        {DIRECTORY_COPYRIGHT.map((line) => (
          <p key={line} className="hint">
            {line}
          </p>
        ))}
        {MIT_PERMISSION.split('\n\n').map((paragraph) => (
          <p key={paragraph.slice(0, 24)} className="hint licence-text">
            {paragraph}
          </p>
        ))}
      </details>
    </footer>
  );
}
