// ssl-quality · ProductBlocks.swift — how a dense product's output is split into blocks, from its shape alone.

/// The blocks a product `C = op(A) · op(B)` (`C` is `m × n`, inner dimension `k`) is computed
/// in: bands of whole rows of `C` when `m ≥ n`, else bands of whole columns. Each block is
/// one single-threaded BLAS call; the blocks are spread over the execution context's workers.
///
/// The plan depends only on `(m, n, k)`, never on the thread count. That is what makes
/// every product bit-identical for any `--threads`: a BLAS call's bits depend on its own
/// shape (how OpenBLAS tiles and orders the inner sums), so the same blocks give the same
/// bits whichever worker runs them — whereas OpenBLAS's own multithreaded driver, and any
/// split that follows the thread count, round differently from one thread.
///
/// The rule: a product of fewer than 2 · ``minimumWork`` multiply-adds is one block;
/// otherwise the longer side is cut into at most ``maximumBlocks`` bands of at least
/// ``minimumWork`` multiply-adds and at least ``minimumSide`` rows or columns each, band
/// widths rounded up to a multiple of 16 (the last band takes the rest).
package struct ProductBlocks: Equatable, Sendable {
  /// Whether the blocks are bands of rows of `C` (else of columns).
  package let splitsRows: Bool
  /// Rows (or columns) of every band but possibly the last.
  package let bandWidth: Int
  /// Rows (or columns) of `C` in the split direction.
  package let length: Int

  /// Multiply-adds below which a band is not worth a call of its own (~1 ms on one core).
  package static let minimumWork = 1 << 22
  /// Rows or columns a band holds at least.
  package static let minimumSide = 32
  /// Bands a product is split into at most: enough to keep a few cores busy in turn, and
  /// few enough that each band's call repacks the shared operand seldom (16 bands cost 2–4%
  /// more CPU on the probes, `compress` and the training step, for the same bits).
  package static let maximumBlocks = 8

  /// The plan for an `m × n` output with inner dimension `k`.
  package init(m: Int, n: Int, k: Int) {
    splitsRows = m >= n
    length = splitsRows ? m : n
    let work = m.multipliedReportingOverflow(by: n).partialValue.multipliedReportingOverflow(by: max(k, 1))
    let affordable = work.overflow ? Self.maximumBlocks : work.partialValue / Self.minimumWork
    let count = max(1, min(Self.maximumBlocks, affordable, length / Self.minimumSide))
    let width = (length + count - 1) / count
    bandWidth = max(1, (width + 15) / 16 * 16)
  }

  /// Number of blocks.
  package var count: Int { length == 0 ? 0 : (length + bandWidth - 1) / bandWidth }

  /// The rows (or columns) of block `index`.
  package func band(_ index: Int) -> Range<Int> {
    let start = index * bandWidth
    return start..<min(length, start + bandWidth)
  }
}
