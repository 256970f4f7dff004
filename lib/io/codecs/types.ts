/** What a frame decoder needs to know of the image (from the data set, not from the codestream). */
export interface FrameInfo {
  rows: number;
  cols: number;
  bitsAllocated: number;
  bitsStored: number;
  signed: boolean;
  samplesPerPixel: number;
}
