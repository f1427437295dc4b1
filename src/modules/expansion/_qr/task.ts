/**
 * Worker task: the QR code in a PNG or JPEG (jsQR on the decoded pixels).
 * Large pictures are scaled down to about 8 megapixels first: a QR code
 * readable at all stays readable, and the scan stays quick.
 */
import { settle, type TaskOutcome } from '../../_shared/archives/offload.js';
import { decodeRgba, downscale } from '../../_shared/ocr/image.js';

export interface QrTaskInput {
  data: Uint8Array;
  notImage: string;
}

/** The decoded text, or undefined when the image holds no readable QR code. */
export type QrTaskOutput = string | undefined;

const SCAN_PIXELS = 8_000_000;

export default async function decodeQr({ data, notImage }: QrTaskInput): Promise<TaskOutcome<QrTaskOutput>> {
  return settle(async () => {
    const decoded = await decodeRgba(data, notImage);
    const image = downscale(decoded, Math.sqrt(SCAN_PIXELS / (decoded.width * decoded.height)));
    // A UMD bundle: Node's ESM loader gives the function itself as the default export.
    const jsQR = (await import('jsqr')).default as unknown as typeof import('jsqr').default;
    const code = jsQR(image.data, image.width, image.height);
    return code ? code.data : undefined;
  });
}
