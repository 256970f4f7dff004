/** Format magic numbers, for picking a reader without loading it. */

/** DICOM Part 10: "DICM" after the 128-byte preamble. */
export function isDicomBytes(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d
  );
}

/** NRRD: "NRRD000" and a version digit. */
export function isNrrdBytes(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && Buffer.from(bytes.buffer, bytes.byteOffset, 7).toString('latin1') === 'NRRD000';
}
