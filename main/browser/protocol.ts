// What TrayOTP's extension and the app say to each other, checked with zod on both sides.
// Shared by the app (main/browser) and the extension (extension/src), which bundles it.
//
// Outer frames travel in the clear through the host and the socket: a hello/welcome handshake,
// the pairing step, plain errors, and `msg` frames carrying one encrypted inner message each
// (session-crypto.ts). Inner messages are requests and responses; each side may ask the other
// (the app asks the extension to fill when its hotkey is pressed).
import { z } from 'zod';
import { PROTOCOL_VERSION } from './version';

export { PROTOCOL_VERSION };

const b64 = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/);
const key = b64(44).length(44); // 32 bytes
/** A page's URL as the browser reported it; bounded, parsed again where it is used. */
const url = z.string().min(1).max(4096);

/** The raw image bytes an "Add to TrayOTP" may send (before base64). */
export const MAX_QR_IMAGE_BYTES = 400 * 1024;
/** Encrypted inner messages: the image in base64, JSON and the MAC fit under the 1 MB frame. */
const MAX_BOX_CHARS = 960 * 1024;

export const hostHelloSchema = z.strictObject({
  t: z.literal('host'),
  v: z.literal(PROTOCOL_VERSION),
  /** Who started the host, as the browser said (chrome-extension://id/ or a Firefox add-on id). */
  caller: z.string().max(300),
  pid: z.number().int().min(0),
});

export const helloSchema = z.strictObject({
  t: z.literal('hello'),
  v: z.literal(PROTOCOL_VERSION),
  /** The extension's long-term public key (one per browser profile). */
  key,
  /** This connection's ephemeral public key. */
  eph: key,
  /** "Chromium 156 on Linux": shown in the pairing prompt and the list of browsers. */
  browser: z.string().min(1).max(80),
});

export const msgSchema = z.strictObject({
  t: z.literal('msg'),
  n: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  c: b64(MAX_BOX_CHARS),
});

export const ERROR_CODES = [
  'malformed',
  'oversized',
  'replayed',
  'bad-message',
  'rate-limited',
  'not-paired',
  'pairing-refused',
  'pairing-busy',
  'revoked',
  'app-not-running',
  'unsupported-version',
  /** The host found something other than this user's TrayOTP at the socket (issue 23). */
  'app-not-trusted',
] as const;
export type WireErrorCode = (typeof ERROR_CODES)[number];

export const errorSchema = z.strictObject({
  t: z.literal('error'),
  code: z.enum(ERROR_CODES),
  message: z.string().max(500),
});

/** App → extension: a browser not yet paired; both show `code` until the person answers. */
export const pairingSchema = z.strictObject({
  t: z.literal('pairing'),
  key,
  code: z.string().regex(/^\d{3} \d{3}$/),
});

export const welcomeSchema = z.strictObject({ t: z.literal('welcome'), key, eph: key });

/**
 * App → extension (issue 23, additive): TrayOTP is asking about another browser first; this one
 * waits its turn, and gets its `pairing` frame (the code) when its own prompt is up.
 */
export const waitSchema = z.strictObject({ t: z.literal('wait'), message: z.string().max(500) });

export const toAppSchema = z.discriminatedUnion('t', [hostHelloSchema, helloSchema, msgSchema]);
export const toExtensionSchema = z.discriminatedUnion('t', [
  pairingSchema,
  welcomeSchema,
  msgSchema,
  errorSchema,
  waitSchema,
]);
export type ToApp = z.infer<typeof toAppSchema>;
export type ToExtension = z.infer<typeof toExtensionSchema>;

// Inner messages (decrypted). `frame` is the URL of the frame the code goes into; `top` the tab's.

const requestId = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const extensionRequestSchema = z.discriminatedUnion('op', [
  z.strictObject({
    kind: z.literal('req'),
    id: requestId,
    op: z.literal('code'),
    top: url,
    frame: url,
    /** The browser's own origin for the frame ("null" for a sandboxed frame). */
    frameOrigin: z.string().max(4096),
  }),
  z.strictObject({
    kind: z.literal('req'),
    id: requestId,
    op: z.literal('enrol'),
    top: url,
    /** The image's bytes, base64. */
    image: b64(Math.ceil(MAX_QR_IMAGE_BYTES / 3) * 4),
  }),
  z.strictObject({
    kind: z.literal('req'),
    id: requestId,
    op: z.literal('open'),
    /** The page to bind: for a frame, the frame's own address (issue 23, R7). */
    top: url,
    /** Set when that page is a frame: the address of the tab's page it sits inside. */
    inside: url.optional(),
  }),
]);
export type ExtensionRequest = z.infer<typeof extensionRequestSchema>;

export const APP_REFUSALS = [
  'locked',
  'not-bound',
  'sandboxed',
  'not-web',
  'no-qr',
  'several-qr',
  'bad-image',
  'duplicate',
  'failed',
  'rate-limited',
  'malformed',
] as const;
export type AppRefusal = (typeof APP_REFUSALS)[number];

const label = z.string().max(200);
export const codeChoiceSchema = z.strictObject({
  id: z.string().max(64),
  label,
  code: z.string().regex(/^[0-9A-Z]{5,10}$/),
});

export const appResponseSchema = z.union([
  z.strictObject({
    kind: z.literal('res'),
    id: requestId,
    ok: z.literal(true),
    domain: z.string().max(253),
    /** One or more bound accounts' current codes (never an unbound account's). */
    codes: z.array(codeChoiceSchema).max(32),
    /** Set after an enrolment: the account just added. */
    added: label.optional(),
  }),
  z.strictObject({
    kind: z.literal('res'),
    id: requestId,
    ok: z.literal(true),
    opened: z.literal(true),
  }),
  z.strictObject({
    kind: z.literal('res'),
    id: requestId,
    ok: z.literal(false),
    code: z.enum(APP_REFUSALS),
    message: z.string().max(500),
    domain: z.string().max(253).optional(),
  }),
]);
export type AppResponse = z.infer<typeof appResponseSchema>;

/** App → extension: its hotkey was pressed; fill the focused field of the focused tab. */
export const appRequestSchema = z.strictObject({
  kind: z.literal('req'),
  id: requestId,
  op: z.literal('fill-focused'),
});
export type AppRequest = z.infer<typeof appRequestSchema>;

export const FILL_OUTCOMES = [
  'filled',
  'not-focused',
  'no-field',
  'not-bound',
  'locked',
  'refused',
] as const;
export type FillOutcome = (typeof FILL_OUTCOMES)[number];

export const extensionResponseSchema = z.strictObject({
  kind: z.literal('res'),
  id: requestId,
  outcome: z.enum(FILL_OUTCOMES),
  domain: z.string().max(253).optional(),
});
export type ExtensionResponse = z.infer<typeof extensionResponseSchema>;

export const toAppInnerSchema = z.union([extensionRequestSchema, extensionResponseSchema]);
export const toExtensionInnerSchema = z.union([appResponseSchema, appRequestSchema]);
