// Which decoded texts are key URIs: the rest (app-store links, Wi-Fi logins) are decoys.
const schemes = ['otpauth://', 'otpauth-migration://'];

export function isOtpauthText(text: string): boolean {
  const lower = text.trimStart().slice(0, 24).toLowerCase();
  return schemes.some((scheme) => lower.startsWith(scheme));
}

export function pickOtpauth(texts: string[]): string[] {
  return texts.filter(isOtpauthText);
}
