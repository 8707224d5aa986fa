// A KeePass database's compressed parts inflated against the inflate budget (budgets.ts), never by
// kdbxweb: kdbxweb inflates with fflate's gunzipSync and no cap, so a 4 MB .kdbx with the right
// password inflated past 8 GiB (issue 24). Here the gzip payload (KDBX 3.1 and 4) and every
// compressed attachment (Binary Compressed="True") are inflated by node:zlib with a maximum
// output, which stops inflating as soon as it is passed; kdbxweb then gets the inflated bytes.
// The hooks are set on one KdbxFormat instance (kdbxweb declares these methods private but calls
// them through `this`), so nothing global is changed.
import { gunzipSync } from 'node:zlib';
import kdbxweb from 'kdbxweb';
import { INFLATE_BUDGET, mib } from './budgets';
import { ImportError } from './errors';

export type InflateLimits = typeof INFLATE_BUDGET;

/** The inflated bytes of one database, all its compressed parts together. */
export class InflateBudget {
  #used = 0;

  constructor(private readonly limits: InflateLimits = INFLATE_BUDGET) {}

  get used(): number {
    return this.#used;
  }

  /** The gzip stream inflated, or ImportError('too-large') once it passes a bound. */
  gunzip(compressed: Uint8Array, what: string): Uint8Array {
    const left = this.limits.maxBytes - this.#used;
    const byRatio = Math.max(this.limits.ratioFloorBytes, compressed.length * this.limits.maxRatio);
    const cap = Math.max(1, Math.min(left, byRatio));
    let inflated: Buffer;
    try {
      inflated = gunzipSync(compressed, { maxOutputLength: cap });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') {
        throw new ImportError(
          'damaged',
          `This KeePass database is damaged: its ${what} does not inflate (${(error as Error).message}).`,
        );
      }
      throw new ImportError(
        'too-large',
        cap === byRatio && byRatio < left
          ? `This KeePass database is a compression bomb: its ${what} of ${mib(compressed.length)} inflates to more than ${mib(cap)}, over ${this.limits.maxRatio} times its size (no real database compresses that well). Nothing was imported.`
          : `This KeePass database inflates to more than ${mib(this.limits.maxBytes)}, the most TrayOTP inflates from one file. Nothing was imported.`,
      );
    }
    this.#used += inflated.length;
    return inflated;
  }
}

/** What kdbxweb's KdbxFormat does inside, as far as the hooks below need it. */
interface FormatInternals {
  kdbx: kdbxweb.Kdbx;
  decryptData(data: ArrayBuffer, key: ArrayBuffer): Promise<ArrayBuffer>;
  decryptXmlV3(stm: kdbxweb.BinaryStream): Promise<string>;
  getMasterKeyV3(): Promise<ArrayBuffer>;
  trimStartBytesV3(data: ArrayBuffer): ArrayBuffer;
  setProtectedValues(): Promise<void>;
}

const GZIP = kdbxweb.Consts.CompressionAlgorithm.GZip;
const NONE = kdbxweb.Consts.CompressionAlgorithm.None;

const bufferOf = (bytes: Uint8Array): ArrayBuffer =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

/** kdbxweb.Kdbx.load, with every inflation bounded by `budget`. */
export function loadKdbxBounded(
  data: ArrayBuffer,
  credentials: kdbxweb.KdbxCredentials,
  budget: InflateBudget = new InflateBudget(),
): Promise<kdbxweb.Kdbx> {
  const kdbx = new kdbxweb.Kdbx();
  kdbx.credentials = credentials;
  const format = new kdbxweb.KdbxFormat(kdbx);
  const hooks = format as unknown as FormatInternals;
  const own = Object.getPrototypeOf(format) as FormatInternals;

  // KDBX 4: decrypt, then inflate here; kdbxweb is told the payload is not compressed.
  hooks.decryptData = async function (this: FormatInternals, encrypted, key) {
    const plain = await own.decryptData.call(this, encrypted, key);
    const header = this.kdbx.header;
    if (header.versionMajor !== 4 || header.compression !== GZIP) return plain;
    header.compression = NONE;
    return bufferOf(budget.gunzip(new Uint8Array(plain), 'content'));
  };

  // KDBX 3.1: kdbxweb's own steps (decrypt, drop the start bytes, hashed blocks), then inflate here.
  hooks.decryptXmlV3 = async function (this: FormatInternals, stm) {
    const encrypted = stm.readBytesToEnd();
    const masterKey = await this.getMasterKeyV3();
    let plain = await this.decryptData(encrypted, masterKey);
    kdbxweb.ByteUtils.zeroBuffer(masterKey);
    plain = await kdbxweb.HashedBlockTransform.decrypt(this.trimStartBytesV3(plain));
    if (this.kdbx.header.compression === GZIP) {
      plain = bufferOf(budget.gunzip(new Uint8Array(plain), 'content'));
    }
    return kdbxweb.ByteUtils.bytesToString(plain);
  };

  // Compressed attachments, inflated here before kdbxweb reads the XML's values.
  hooks.setProtectedValues = function (this: FormatInternals) {
    if (this.kdbx.xml) inflateAttachments(this.kdbx.xml, budget);
    return own.setProtectedValues.call(this);
  };

  return format.load(data);
}

/**
 * Every element kdbxweb would gunzip (Compressed="True", not protected, not a reference) gets its
 * inflated bytes as base64 and loses the attribute.
 */
function inflateAttachments(xml: Document, budget: InflateBudget): void {
  const elements = xml.getElementsByTagName('*');
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i]!;
    if (element.getAttribute('Compressed')?.toLowerCase() !== 'true') continue;
    if (element.getAttribute('Protected')?.toLowerCase() === 'true') continue;
    if (element.getAttribute('Ref')) continue;
    const text = element.textContent;
    element.removeAttribute('Compressed');
    if (!text) continue;
    const inflated = budget.gunzip(Buffer.from(text, 'base64'), 'attachment');
    element.textContent = Buffer.from(inflated).toString('base64');
  }
}
