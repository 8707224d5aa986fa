// Opening a web page in the person's browser (a site's "turn on two-step" instructions from the
// 2FA Directory). The use cases decide which links may be opened; the adapter checks again that
// each is https before handing it to the OS.
export interface ExternalLinks {
  open(url: string): Promise<void>;
}
