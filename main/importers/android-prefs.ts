// Android apps keep their settings in shared_prefs XML files: a <map> of typed entries,
// <string name="…">text</string>, <int name="…" value="…"/>, <boolean …/>, <long …/>. FreeOTP,
// Authy, Battle.net and TOTP Authenticator keep their accounts there, which is what a rooted
// phone's backup (or Aegis's "import from app") hands over.
import { XMLParser } from 'fast-xml-parser';
import { textOf } from './read-content';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  // Secrets and names must arrive exactly as stored: no trimming, every entity decoded.
  trimValues: false,
  htmlEntities: true,
  isArray: (_name, _path, _isLeaf, isAttribute) => !isAttribute,
});

/** Entry name → value (the text of a <string>, the value attribute of the others). */
export type SharedPrefs = Map<string, string>;

/** The entries of a shared_prefs file, or undefined when the text is not one. */
export function parseSharedPrefs(text: string): SharedPrefs | undefined {
  const head = text.slice(0, 512).trimStart();
  if (!head.startsWith('<?xml') && !head.startsWith('<map')) return undefined;
  if (!text.includes('<map')) return undefined;
  let document: unknown;
  try {
    document = parser.parse(text, true);
  } catch {
    return undefined;
  }
  const map = firstOf((document as Record<string, unknown>).map);
  if (!map || typeof map !== 'object') return undefined;
  const prefs: SharedPrefs = new Map();
  for (const [tag, nodes] of Object.entries(map as Record<string, unknown>)) {
    if (tag === '#text' || !Array.isArray(nodes)) continue;
    for (const node of nodes) {
      if (!node || typeof node !== 'object') continue;
      const fields = node as Record<string, unknown>;
      const name = fields.name;
      if (typeof name !== 'string') continue;
      const value = tag === 'string' ? stringOf(fields['#text']) : fields.value;
      if (typeof value === 'string') prefs.set(name, value);
    }
  }
  return prefs;
}

// Detection asks several importers about the same file: parse it once. Callers only read.
const parsedPrefs = new WeakMap<Uint8Array, SharedPrefs | undefined>();

/** The file's shared_prefs entries, or undefined when it is not a shared_prefs file. */
export function sharedPrefsOf(bytes: Uint8Array): SharedPrefs | undefined {
  if (parsedPrefs.has(bytes)) return parsedPrefs.get(bytes);
  const text = textOf(bytes);
  const prefs = text === undefined ? undefined : parseSharedPrefs(text);
  parsedPrefs.set(bytes, prefs);
  return prefs;
}

function firstOf(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

function stringOf(value: unknown): string {
  const text = firstOf(value);
  return typeof text === 'string' ? text : '';
}
