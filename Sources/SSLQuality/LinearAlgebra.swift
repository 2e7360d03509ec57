// ssl-quality · LinearAlgebra.swift — the namespace of the LAPACKE decompositions and their error.

import CLAPACKE

/// A decomposition LAPACK could not complete.
public enum LinearAlgebraError: Error, Equatable, CustomStringConvertible {
  /// The routine `routine` returned `info` (negative: bad argument; positive: no convergence).
  case lapackFailure(routine: String, info: Int)

  public var description: String {
    switch self {
    case .lapackFailure(let routine, let info):
      info < 0
        ? "\(routine): argument \(-info) was invalid"
        : "\(routine): the algorithm did not converge (info \(info))"
    }
  }
}

/// Decompositions computed by LAPACKE (see ``symmetricEigenvalues(_:dimension:)``).
public enum LinearAlgebra {}
