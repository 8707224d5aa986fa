// Who is at the other end of the browser socket, as the kernel says (never as the peer says).
// A port: the app and the host get the real adapter (main/platform/peer-credentials.ts, koffi)
// from their composition roots, and tests may pass fakes.
//
// Unix: the socket's peer uid (SO_PEERCRED on Linux, getpeereid on macOS). The app accepts a
// client only with its own uid; the host talks to a server only with its own uid.
// Windows: the named pipe's other process (GetNamedPipeClientProcessId / …ServerProcessId) and
// that process's user SID, compared with our own.
import type { Socket } from 'node:net';

export interface PeerIdentity {
  /** Unix: the peer's uid. */
  uid?: number;
  /** Windows: the peer process's user SID ("S-1-5-21-…"). */
  sid?: string;
  /** The peer's process id, where the platform tells it. */
  pid?: number;
}

export interface PeerCredentials {
  /** This process's own identity (uid, or SID on Windows). */
  self(): PeerIdentity;
  /**
   * The kernel's word on the connected socket's peer; throws when it cannot be read. Absent on
   * Windows: Node gives no handle of a connected pipe to ask about.
   */
  peerOf?(socket: Socket): PeerIdentity;
  /**
   * Windows: the process serving the named pipe at `path` and its user, asked before connecting
   * (the host's check of the app); undefined when nothing serves there; throws when it cannot be
   * read.
   */
  pipeServer?(path: string): PeerIdentity | undefined;
}

/** Null when the peer is this user; otherwise why not, in a sentence for the log or a person. */
export function foreignPeer(peers: PeerCredentials, socket: Socket): string | null {
  let peer: PeerIdentity;
  let self: PeerIdentity;
  try {
    self = peers.self();
    if (!peers.peerOf) throw new Error('the platform does not say');
    peer = peers.peerOf(socket);
  } catch (error) {
    return `the other end of the browser socket could not be identified (${error instanceof Error ? error.message : String(error)})`;
  }
  if (self.uid !== undefined) {
    if (peer.uid === self.uid) return null;
    return `the other end of the browser socket runs as user ${peer.uid ?? 'unknown'}, not as you (${self.uid})`;
  }
  if (self.sid !== undefined) {
    if (peer.sid === self.sid) return null;
    return `the other end of the browser pipe runs as ${peer.sid ?? 'an unknown user'}, not as you`;
  }
  return 'this platform cannot say who is at the other end of the browser socket';
}

/**
 * The same judgement for a Windows pipe's server, before connecting to it: null when it is this
 * user's, 'absent' when nothing serves there, else why not.
 */
export function foreignPipeServer(peers: PeerCredentials, path: string): string | null | 'absent' {
  let self: PeerIdentity;
  let server: PeerIdentity | undefined;
  try {
    self = peers.self();
    if (!peers.pipeServer) throw new Error('the platform does not say');
    server = peers.pipeServer(path);
  } catch (error) {
    return `the process serving TrayOTP's pipe could not be identified (${error instanceof Error ? error.message : String(error)})`;
  }
  if (!server) return 'absent';
  if (self.sid !== undefined && server.sid === self.sid) return null;
  return `the process serving TrayOTP's pipe (pid ${server.pid ?? 'unknown'}) runs as ${server.sid ?? 'an unknown user'}, not as you`;
}
