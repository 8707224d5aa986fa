// "Add to TrayOTP" on a page: the image the extension sent → the one otpauth:// link in it,
// decoded by TrayOTP's own QR pipeline (main/qr), never by the page or the extension. The bytes
// are bounded by the protocol (MAX_QR_IMAGE_BYTES) before they get here, and scanImageFile
// refuses images over its pixel bound before decoding a pixel.
import { scanImageFile } from '../qr';

export type QrScanner = (bytes: Uint8Array) => Promise<string[]>;

export const scanOtpauth: QrScanner = async (bytes) => (await scanImageFile(bytes)).otpauth;
