/**
 * SigMF sample formats (`core:datatype`): `[c|r](f64|f32|i32|i16|u32|u16|i8|u8)[_le|_be]`,
 * complex samples interleaved I,Q and channels interleaved per sample.
 * Decoding yields channel 0 as float I/Q arrays (Q is zero for real data);
 * unsigned formats are centred on zero so their offset does not swamp DC.
 */
export interface SampleFormat {
  complex: boolean;
  kind: 'f' | 'i' | 'u';
  bits: 8 | 16 | 32 | 64;
  littleEndian: boolean;
}

const DATATYPE = /^([cr])(f64|f32|i32|i16|u32|u16|i8|u8)(_le|_be)?$/;

export function parseDatatype(datatype: string): SampleFormat | undefined {
  const m = DATATYPE.exec(datatype.trim());
  if (!m) return undefined;
  const kind = m[2]![0] as 'f' | 'i' | 'u';
  const bits = Number(m[2]!.slice(1)) as 8 | 16 | 32 | 64;
  return { complex: m[1] === 'c', kind, bits, littleEndian: m[3] !== '_be' };
}

export interface Samples {
  re: Float32Array;
  im: Float32Array;
}

function reader(view: DataView, format: SampleFormat): (offset: number) => number {
  const le = format.littleEndian;
  switch (`${format.kind}${format.bits}`) {
    case 'f64':
      return (o) => view.getFloat64(o, le);
    case 'f32':
      return (o) => view.getFloat32(o, le);
    case 'i32':
      return (o) => view.getInt32(o, le);
    case 'i16':
      return (o) => view.getInt16(o, le);
    case 'i8':
      return (o) => view.getInt8(o);
    case 'u32':
      return (o) => view.getUint32(o, le) - 2 ** 31;
    case 'u16':
      return (o) => view.getUint16(o, le) - 2 ** 15;
    default:
      return (o) => view.getUint8(o) - 127.5;
  }
}

/** Channel 0 of the recording, at most `maxSamples` samples; trailing partial samples are ignored. */
export function decodeSamples(bytes: Uint8Array, format: SampleFormat, channels: number, maxSamples: number): Samples {
  const width = format.bits / 8;
  const stride = width * (format.complex ? 2 : 1) * Math.max(1, channels);
  const count = Math.min(Math.floor(bytes.length / stride), maxSamples);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const read = reader(view, format);
  const re = new Float32Array(count);
  const im = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const offset = i * stride;
    re[i] = read(offset);
    if (format.complex) im[i] = read(offset + width);
  }
  return { re, im };
}
