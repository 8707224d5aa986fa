// The bounds every browser connection lives within (issue 23, R3). A connection is a local
// process speaking for a browser; before it is a paired session it has proved nothing, so it gets
// little: a few seconds to say hello, a capped number of connections like it, and frames taken
// only as fast as the rate limit allows. Numbers are per connection unless said otherwise.
import { MAX_FRAME_BYTES } from './framing';

export interface ConnectionLimits {
  /** Frames read but not yet handled: beyond either bound the socket stops being read. */
  queuedFrames: number;
  queuedBytes: number;
  /** An unfinished frame must be complete within this time (while the socket is being read). */
  partialFrameMs: number;
  /** A new connection must say hello within this time; a session has no idle limit. */
  helloMs: number;
  /** Answers the peer has not read yet: beyond this it is not listening, and is closed. */
  unreadBytes: number;
  /** Connections not yet in session (saying hello, or waiting for the person), app-wide. */
  maxUnpaired: number;
  /** Connections in all, app-wide (64 paired browsers and the unpaired ones). */
  maxConnections: number;
  /** Browsers waiting for their turn at the pairing prompt, app-wide. */
  maxPairingQueue: number;
}

export const DEFAULT_LIMITS: ConnectionLimits = {
  queuedFrames: 64,
  queuedBytes: MAX_FRAME_BYTES,
  partialFrameMs: 10_000,
  helloMs: 10_000,
  unreadBytes: 4 * MAX_FRAME_BYTES,
  maxUnpaired: 16,
  maxConnections: 80,
  maxPairingQueue: 4,
};
