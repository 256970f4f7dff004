/**
 * GLCM maximal correlation coefficient (PyRadiomics glcm MCC; not an IBSI feature): per direction, the square
 * root of the second largest eigenvalue of Q, Q_ij = sum_k p(i,k) p(j,k) / (p_x(i) p_y(k)), averaged over the
 * directions with pairs. Q is similar to the symmetric positive semi-definite M = A A^T with
 * A_ik = p(i,k) / sqrt(p_x(i) p_y(k)) (rows and columns of absent grey levels dropped), whose eigenvalues are
 * found by cyclic Jacobi rotations. Levels absent in a direction but present in the ROI add zero eigenvalues
 * (PyRadiomics keeps every ROI level in each direction's matrix); a ROI with one grey level gives 1.
 */

/** Eigenvalues of a symmetric matrix (row-major n x n, overwritten), cyclic Jacobi. */
export function symmetricEigenvalues(a: Float64Array, n: number): number[] {
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const app = a[p * n + p]!,
          aqq = a[q * n + q]!;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1),
          s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!,
            akq = a[k * n + q]!;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!,
            aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
      }
  }
  return Array.from({ length: n }, (_, k) => a[k * n + k]!);
}

/** MCC of one co-occurrence count matrix (n x n, row-major); roiLevels = grey levels present in the ROI. */
export function mccOfMatrix(counts: Float64Array, n: number, roiLevels: number): number {
  let total = 0;
  for (const c of counts) total += c;
  if (!(total > 0)) return NaN;
  const px = new Float64Array(n),
    py = new Float64Array(n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const p = counts[i * n + j]! / total;
      px[i] = px[i]! + p;
      py[j] = py[j]! + p;
    }
  const rows = [...Array(n).keys()].filter((i) => px[i]! > 0),
    cols = [...Array(n).keys()].filter((j) => py[j]! > 0);
  const m = rows.length;
  const A = new Float64Array(m * cols.length);
  rows.forEach((i, r) =>
    cols.forEach((j, c) => (A[r * cols.length + c] = counts[i * n + j]! / total / Math.sqrt(px[i]! * py[j]!))),
  );
  const M = new Float64Array(m * m);
  for (let r = 0; r < m; r++)
    for (let s = r; s < m; s++) {
      let sum = 0;
      for (let c = 0; c < cols.length; c++) sum += A[r * cols.length + c]! * A[s * cols.length + c]!;
      M[r * m + s] = sum;
      M[s * m + r] = sum;
    }
  const eig = symmetricEigenvalues(M, m);
  while (eig.length < roiLevels) eig.push(0);
  eig.sort((a, b) => a - b);
  const second = eig[eig.length - 2]!;
  return second < 0 ? NaN : Math.sqrt(second);
}

/** Mean MCC over direction matrices (NaN entries, i.e. directions without pairs, skipped). */
export function mcc(matrices: { rows: number; data: Float64Array }[], roiLevels: number): number {
  if (roiLevels < 2) return 1;
  const values = matrices.map((m) => mccOfMatrix(m.data, m.rows, roiLevels)).filter((v) => !Number.isNaN(v));
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : NaN;
}
