#include "order_statistics.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace radiomics {
namespace {

// Places the elements of the sorted, distinct ranks [tBegin, tEnd) (relative to `base`) at their sorted
// positions in [begin, end), one nth_element per rank on ever smaller ranges.
void multiSelect(double* begin, double* end, const size_t* tBegin, const size_t* tEnd, size_t base) {
  if (tBegin >= tEnd || end - begin <= 1) return;
  const size_t* mid = tBegin + (tEnd - tBegin) / 2;
  double* nth = begin + (*mid - base);
  std::nth_element(begin, nth, end);
  multiSelect(begin, nth, tBegin, mid, base);
  multiSelect(nth + 1, end, mid + 1, tEnd, *mid + 1);
}

void selectFromCopy(const double* values, size_t n, const size_t* ranks, size_t k, double* out) {
  std::vector<double> work(values, values + n);
  multiSelect(work.data(), work.data() + n, ranks, ranks + k, 0);
  for (size_t j = 0; j < k; ++j) out[j] = work[ranks[j]];
}

}  // namespace

void valuesAtRanks(const double* values, size_t n, const size_t* ranks, size_t k, double* out) {
  if (k == 0 || n == 0) return;
  double lo = values[0], hi = values[0];
  for (size_t i = 1; i < n; ++i) {
    lo = std::min(lo, values[i]);
    hi = std::max(hi, values[i]);
  }
  valuesAtRanksInRange(values, n, lo, hi, ranks, k, out);
}

void valuesAtRanksInRange(const double* values, size_t n, double lo, double hi, const size_t* ranks, size_t k,
                          double* out) {
  if (k == 0 || n == 0) return;
  const size_t buckets = std::min<size_t>(n / 8, size_t(1) << 16);
  const double spread = hi - lo;
  const double scale = static_cast<double>(buckets) / spread;
  // Too few values for a histogram to pay, a constant array, or a spread beyond double range.
  if (buckets < 16 || !(spread > 0) || !std::isfinite(spread) || !std::isfinite(scale) || n > UINT32_MAX) {
    selectFromCopy(values, n, ranks, k, out);
    return;
  }
  // (x - lo) * scale is >= 0, finite and non-decreasing in x (each IEEE operation rounds monotonically).
  const double last = static_cast<double>(buckets - 1);
  auto bucketOf = [&](double x) { return static_cast<size_t>(std::min((x - lo) * scale, last)); };

  std::vector<uint32_t> count(buckets, 0);
  for (size_t i = 0; i < n; ++i) ++count[bucketOf(values[i])];

  // The bucket of each rank and the rank's position within it; the distinct buckets get slots.
  constexpr uint8_t kNoSlot = 0xFF;
  std::vector<size_t> bucketOfRank(k), startOfBucket(k);
  std::vector<size_t> slotBuckets;
  size_t b = 0, before = 0;  // values in buckets < b
  for (size_t j = 0; j < k; ++j) {
    while (before + count[b] <= ranks[j]) before += count[b++];
    bucketOfRank[j] = b;
    startOfBucket[j] = before;
    if (slotBuckets.empty() || slotBuckets.back() != b) slotBuckets.push_back(b);
  }
  if (slotBuckets.size() >= kNoSlot) {
    selectFromCopy(values, n, ranks, k, out);
    return;
  }
  std::vector<uint8_t> slotOf(buckets, kNoSlot);
  std::vector<std::vector<double>> gathered(slotBuckets.size());
  for (size_t s = 0; s < slotBuckets.size(); ++s) {
    slotOf[slotBuckets[s]] = static_cast<uint8_t>(s);
    gathered[s].reserve(count[slotBuckets[s]]);
  }
  for (size_t i = 0; i < n; ++i) {
    const uint8_t s = slotOf[bucketOf(values[i])];
    if (s != kNoSlot) gathered[s].push_back(values[i]);
  }

  // Per slot, the ranks within its bucket, selected there.
  size_t j = 0;
  for (size_t s = 0; s < slotBuckets.size(); ++s) {
    std::vector<size_t> local;
    const size_t first = j;
    for (; j < k && bucketOfRank[j] == slotBuckets[s]; ++j) local.push_back(ranks[j] - startOfBucket[j]);
    std::vector<double>& v = gathered[s];
    multiSelect(v.data(), v.data() + v.size(), local.data(), local.data() + local.size(), 0);
    for (size_t q = 0; q < local.size(); ++q) out[first + q] = v[local[q]];
  }
}

}  // namespace radiomics
