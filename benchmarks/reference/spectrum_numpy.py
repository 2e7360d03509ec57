#!/usr/bin/env python3
"""RankMe of an embeddings file the way a researcher computes it with numpy: the D x D Gram
matrix `X.T @ X` in float64 and its eigenvalues by `eigvalsh` (LAPACK syevd), as
`ssl-quality spectrum FILE --json` reports it (`rankme`)."""
import json
import sys

import numpy as np

x = np.load(sys.argv[1]).astype(np.float64)
n = x.shape[0]
eigenvalues = np.linalg.eigvalsh(x.T @ x)
s = np.sqrt(np.clip(np.sort(eigenvalues)[::-1][:min(n, x.shape[1])], 0, None))
p = s / s.sum() + 1e-7
print(json.dumps({"samples": n, "rankme": float(np.exp(-(p * np.log(p)).sum()))}))
