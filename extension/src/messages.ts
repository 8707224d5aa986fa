// Messages between the content script (in each page frame) and the background. The background
// never believes a frame about where it is: it reads the frame's URL and origin from the browser
// (`sender`). A frame may only make itself stricter (say it is sandboxed).

export type ToBackground =
  { type: 'fill'; sandboxed: boolean } | { type: 'open' } | { type: 'enrol'; image: string };

export type FillReply =
  | { ok: true; domain: string; codes: { label: string; code: string }[]; added?: string }
  | { ok: false; code: string; message: string; domain?: string };

export type ToContent = { type: 'fill-focused' } | { type: 'status'; text: string };

export type FocusedOutcome =
  'filled' | 'not-focused' | 'no-field' | 'not-bound' | 'locked' | 'refused';
export interface FocusedReply {
  outcome: FocusedOutcome;
  domain?: string;
}
