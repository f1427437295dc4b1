// Type declarations for the parts of seek-bzip (no bundled types) that the archive helpers use.
declare module 'seek-bzip' {
  interface InputStream {
    readByte(): number;
    read(buffer: Uint8Array, offset: number, length: number): number;
    seek(pos: number): void;
    eof(): boolean;
  }
  interface OutputStream {
    writeByte(byte: number): void;
  }
  const Bunzip: {
    decode(input: InputStream | Uint8Array, output?: OutputStream, multistream?: boolean): Uint8Array | undefined;
  };
  export default Bunzip;
}
