// Messages between the content script (in each page frame) and the background. The background
// never believes a frame about where it is: it reads the frame's URL and origin from the browser
// (`sender`). A frame may only make itself stricter (say it is sandboxed).

/** A parent page's answer about the child frame that posted `nonce` to it (frame-chain.ts). */
export interface FrameChecked {
  type: 'frame-checked';
  nonce: string;
  /** The child's origin as the browser put it on the message event. */
  childOrigin: string;
  uncovered: boolean;
  /** This page is the tab's top page. */
  top: boolean;
}

export type ToBackground =
  | { type: 'fill'; sandboxed: boolean }
  | { type: 'open' }
  | { type: 'enrol'; image: string }
  | FrameChecked;

export type FillReply =
  | { ok: true; domain: string; codes: { label: string; code: string }[]; added?: string }
  | {
      ok: false;
      code: string;
      message: string;
      domain?: string;
      /** For a frame: the host of the tab's page the frame sits in. */
      inside?: string;
    };

export type ToContent =
  | { type: 'fill-focused' }
  | { type: 'status'; text: string }
  | { type: 'post-to-parent'; nonce: string };

export type FocusedOutcome =
  'filled' | 'not-focused' | 'no-field' | 'not-bound' | 'locked' | 'refused';
export interface FocusedReply {
  outcome: FocusedOutcome;
  domain?: string;
}
