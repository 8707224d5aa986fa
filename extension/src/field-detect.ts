// Finding the one-time-code field on a page: `autocomplete="one-time-code"` first; then what the
// field is called (name, id, label, placeholder, aria-label) in the words sites use, in several
// languages; then its shape (numeric inputmode, a maxlength of 6 to 8); and split fields, one box
// per digit. Fields that are plainly something else (password, e-mail, search, card numbers,
// captchas) are never picked. Fields inside open shadow roots count the same (shadow.ts).
import { deepQueryAll } from './shadow';

export type CodeField =
  { kind: 'single'; input: HTMLInputElement } | { kind: 'split'; inputs: HTMLInputElement[] };

// Lower-case, accents kept (the page's language decides the spelling).
const CODE_WORDS = [
  'one-time-code',
  'one time code',
  'onetimecode',
  'one-time password',
  'otp',
  'totp',
  '2fa',
  'mfa',
  'two-factor',
  'two factor',
  'two-step',
  'passcode',
  'verification code',
  'verify code',
  'security code',
  'authentication code',
  'auth code',
  'authcode',
  'authenticator',
  'verification',
  'token',
  'code',
  // German, French, Spanish, Italian, Portuguese, Dutch, Polish, Russian, Japanese, Chinese, Korean
  'bestätigungscode',
  'sicherheitscode',
  'einmalcode',
  'prüfcode',
  'code de vérification',
  'code de sécurité',
  'code à usage unique',
  'código de verificación',
  'código de seguridad',
  'código',
  'codice di verifica',
  'codice',
  'código de verificação',
  'verificatiecode',
  'beveiligingscode',
  'kod weryfikacyjny',
  'kod',
  'код подтверждения',
  'одноразовый код',
  'код',
  '確認コード',
  '認証コード',
  'ワンタイム',
  '验证码',
  '動態密碼',
  '인증 코드',
  '인증번호',
];
const STRONG_WORDS =
  /one-?time|otp|2fa|mfa|two-?(factor|step)|passcode|authenticator|verif|bestätigung|sicherheitscode|einmal|vérification|usage unique|verificación|verifica|verificação|verificatie|weryfikac|подтвержд|одноразов|確認|認証|验证|인증/;
/** Words that say "a code" without saying which: they need the field's shape to count. */
const GENERIC_WORDS = new Set(['code', 'token', 'código', 'codice', 'kod', 'код']);
const NOT_CODE =
  /pass(word|wd)?$|^pwd|user|login|e-?mail|search|phone|mobile|tel$|zip|postal|captcha|promo|coupon|voucher|gift|card|cvv|cvc|iban|country|post-?code|area-?code|invite|referr/;

const TEXTUAL = new Set(['text', 'tel', 'number', 'password', '']);

function describe(input: HTMLInputElement): string {
  const parts = [
    input.name,
    input.id,
    input.placeholder,
    input.getAttribute('aria-label') ?? '',
    input.getAttribute('data-testid') ?? '',
    input.className && typeof input.className === 'string' ? input.className : '',
  ];
  for (const label of Array.from(input.labels ?? [])) parts.push(label.textContent ?? '');
  const labelledBy = input.getAttribute('aria-labelledby');
  if (labelledBy) {
    for (const id of labelledBy.split(/\s+/)) {
      // The id is looked up where the field lives: its document or its shadow root.
      const root = input.getRootNode() as Document | ShadowRoot;
      parts.push(root.getElementById?.(id)?.textContent ?? '');
    }
  }
  return parts
    .join(' ')
    .toLowerCase()
    .replace(/[_\s]+/g, ' ')
    .slice(0, 2000);
}

function candidate(input: HTMLInputElement): boolean {
  const type = (input.getAttribute('type') ?? '').toLowerCase();
  return TEXTUAL.has(type) && !input.disabled && !input.readOnly;
}

/** How strongly a single input looks like a code field (0 = not at all). */
export function codeScore(input: HTMLInputElement): number {
  if (!candidate(input)) return 0;
  const autocomplete = (input.getAttribute('autocomplete') ?? '').toLowerCase();
  if (autocomplete.split(/\s+/).includes('one-time-code')) return 100;
  if (/\b(username|email|current-password|new-password|cc-|tel)\b/.test(autocomplete)) return 0;
  const text = describe(input);
  const strong =
    STRONG_WORDS.test(text) ||
    CODE_WORDS.some((word) => !GENERIC_WORDS.has(word) && text.includes(word));
  const worded = strong || CODE_WORDS.some((word) => text.includes(word));
  const nameAndId = `${input.name} ${input.id}`.toLowerCase();
  if (!strong && NOT_CODE.test(nameAndId.trim())) return 0;
  const type = (input.getAttribute('type') ?? '').toLowerCase();
  if (type === 'password' && !strong) return 0;
  const maxLength = input.maxLength;
  const shaped = maxLength >= 6 && maxLength <= 8;
  const numeric =
    ['numeric', 'decimal'].includes((input.getAttribute('inputmode') ?? '').toLowerCase()) ||
    type === 'tel' ||
    type === 'number' ||
    /^\[?\\?d|\[0-9\]/.test(input.pattern ?? '');
  let score = 0;
  if (strong) score += 50;
  else if (worded) score += 25;
  if (shaped) score += 20;
  if (numeric) score += 15;
  if (maxLength > 10 && maxLength < 524288) score -= 30;
  return score;
}

const THRESHOLD = 40;

function splitGroups(doc: Document): HTMLInputElement[][] {
  const boxes = deepQueryAll<HTMLInputElement>(doc, 'input').filter(
    (input) => candidate(input) && input.maxLength === 1,
  );
  const groups = new Map<Element, HTMLInputElement[]>();
  for (const box of boxes) {
    // The nearest ancestor (up to three levels) holding at least four such boxes.
    let container: Element | null = box.parentElement;
    for (let depth = 0; container && depth < 3; depth++) {
      const count = Array.from(container.querySelectorAll('input')).filter((i) =>
        boxes.includes(i),
      ).length;
      if (count >= 4) break;
      container = container.parentElement;
    }
    if (!container) continue;
    const group = groups.get(container) ?? [];
    group.push(box);
    groups.set(container, group);
  }
  return [...groups.values()].filter((group) => group.length >= 4 && group.length <= 8);
}

/** Every code field of the document and its open shadow roots, best first. */
export function findCodeFields(doc: Document): CodeField[] {
  const fields: CodeField[] = [];
  for (const inputs of splitGroups(doc)) fields.push({ kind: 'split', inputs });
  const inSplit = new Set(fields.flatMap((f) => (f.kind === 'split' ? f.inputs : [])));
  const singles = deepQueryAll<HTMLInputElement>(doc, 'input')
    .filter((input) => !inSplit.has(input))
    .map((input) => ({ input, score: codeScore(input) }))
    .filter(({ score }) => score >= THRESHOLD)
    .sort((a, b) => b.score - a.score);
  for (const { input } of singles) fields.push({ kind: 'single', input });
  return fields;
}

/** The elements of a field, for visibility checks and focus. */
export function fieldInputs(field: CodeField): HTMLInputElement[] {
  return field.kind === 'single' ? [field.input] : field.inputs;
}
