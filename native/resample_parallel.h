// A minimal fork-join helper over std::thread, shared by the resampling and ROI kernels.
// (Only a few lines; the lead engineer may move it to core/ if other families want it.)
#pragma once
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <exception>
#include <thread>
#include <vector>

namespace radiomics {

// threads <= 0 -> std::thread::hardware_concurrency() (at least 1).
inline int resolveThreads(int threads) {
  if (threads > 0) return threads;
  const unsigned hw = std::thread::hardware_concurrency();
  return hw == 0 ? 1 : static_cast<int>(hw);
}

// Calls body(begin, end) on contiguous, disjoint chunks covering [0, n), one chunk per thread
// (at most `threads` threads, never more than n). The calling thread runs the last chunk. An
// exception thrown by any chunk is rethrown here after every thread has joined. Kernels that use it
// compute each output element with the same arithmetic whatever chunk it falls in, so results do
// not depend on the thread count.
template <typename Body>
void parallelFor(int64_t n, int threads, Body&& body) {
  if (n <= 0) return;
  const int64_t nt = std::min<int64_t>(resolveThreads(threads), n);
  if (nt <= 1) {
    body(int64_t(0), n);
    return;
  }
  std::vector<std::exception_ptr> errors(static_cast<size_t>(nt));
  std::vector<std::thread> pool;
  pool.reserve(static_cast<size_t>(nt - 1));
  auto run = [&](int64_t t) {
    try {
      body(n * t / nt, n * (t + 1) / nt);
    } catch (...) {
      errors[static_cast<size_t>(t)] = std::current_exception();
    }
  };
  for (int64_t t = 0; t + 1 < nt; ++t) {
    try {
      pool.emplace_back(run, t);
    } catch (...) {
      run(t);  // could not start a thread: do this chunk here
    }
  }
  run(nt - 1);
  for (auto& th : pool) th.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

// Calls task(i) for every i in [0, n) on up to `threads` threads (the calling thread is one of them);
// each thread takes the next index not yet started, so long and short tasks balance. Every task runs
// even when another throws; afterwards the exception of the lowest index is rethrown (the one a serial
// loop in index order would have met first, when tasks are independent).
template <typename Task>
void parallelTasks(int64_t n, int threads, Task&& task) {
  if (n <= 0) return;
  std::vector<std::exception_ptr> errors(static_cast<size_t>(n));
  std::atomic<int64_t> next{0};
  auto work = [&] {
    for (int64_t i = next++; i < n; i = next++) {
      try {
        task(i);
      } catch (...) {
        errors[static_cast<size_t>(i)] = std::current_exception();
      }
    }
  };
  const int64_t nt = std::min<int64_t>(resolveThreads(threads), n);
  std::vector<std::thread> pool;
  for (int64_t t = 0; t + 1 < nt; ++t) {
    try {
      pool.emplace_back(work);
    } catch (...) {
      break;  // fewer threads: the others take the remaining tasks
    }
  }
  work();
  for (auto& th : pool) th.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace radiomics
