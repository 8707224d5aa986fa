// One site of the 2FA Directory (2fa.directory, MIT-licensed data by 2factorauth), as TrayOTP
// keeps it: the v3 API's `[name, {domain, tfa, documentation, keywords, ...}]` pairs, checked
// and renamed to what they mean here. The directory only ever adds to what the user typed:
// the app works fully without it.

export interface DirectorySite {
  /** The site's name as the directory writes it ("20i", "GitHub", "Amazon Web Services"). */
  name: string;
  /** Its main web domain, lower case, no scheme or path ("20i.com"). */
  domain: string;
  /** Other domains of the same service ("additional-domains"), lower case; often empty. */
  additionalDomains: string[];
  /** The site's own instructions for turning on two-step verification; https only. */
  documentation?: string;
  /** The directory's keywords: its categories ("domains", "hosting", "banking"...). */
  categories: string[];
  /** Two-factor methods it supports ("totp", "sms", "u2f"...). */
  methods: string[];
}

/** A stored copy of the directory: its sites and when they were downloaded. */
export interface DirectorySnapshot {
  /** ISO 8601 time of the download. */
  fetchedAt: string;
  /** Where it was downloaded from. */
  source: string;
  sites: DirectorySite[];
}
