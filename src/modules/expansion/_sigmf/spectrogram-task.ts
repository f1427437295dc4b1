/**
 * Worker-thread task: decodes the samples and draws the waterfall PNG. An
 * undecodable recording comes back as a message (errors do not cross
 * threads as classes).
 */
import { decodeSamples, parseDatatype } from './datatype.js';
import { computeSpectrogram, RecordingError, renderSpectrogramPng } from './spectrogram.js';

/** 16 Mi samples: a few seconds of FFTs; longer recordings are drawn from their start. */
const MAX_SAMPLES = 1 << 24;

export interface SpectrogramInput {
  data: Uint8Array;
  datatype: string;
  channels: number;
}

export type SpectrogramOutput = { ok: true; png: Uint8Array; samples: number } | { ok: false; error: string };

export default function spectrogramTask(input: SpectrogramInput): SpectrogramOutput {
  const format = parseDatatype(input.datatype);
  if (!format) return { ok: false, error: `the datatype '${input.datatype}' is not a SigMF sample format` };
  const samples = decodeSamples(input.data, format, input.channels, MAX_SAMPLES);
  try {
    const png = renderSpectrogramPng(computeSpectrogram(samples));
    return { ok: true, png: new Uint8Array(png.buffer, png.byteOffset, png.length), samples: samples.re.length };
  } catch (error) {
    if (!(error instanceof RecordingError)) throw error;
    return { ok: false, error: error.message };
  }
}
