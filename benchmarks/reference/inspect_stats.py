#!/usr/bin/env python3
"""numpy equivalent of `ssl-quality inspect --stats --json FILE`: np.load(mmap_mode='r')
and the same statistics written the way a numpy user would."""
import json
import sys

import numpy as np

x = np.load(sys.argv[1], mmap_mode="r")
finite = np.isfinite(x)
masked = np.where(finite, x, np.nan)
low, high = np.nanmin(masked, axis=0), np.nanmax(masked, axis=0)
bad_rows = np.flatnonzero(~finite.all(axis=1))
stats = {
    "min": float(np.nanmin(masked)), "max": float(np.nanmax(masked)), "mean": float(np.nanmean(masked, dtype=np.float64)),
    "nan": int(np.isnan(x).sum()), "inf": int(np.isinf(x).sum()), "zero_rows": int((x == 0).all(axis=1).sum()),
    "constant_columns": int((low == high).sum()), "negative_share": float((x < 0).mean()),
    "nonfinite_rows": int(bad_rows.size), "first_nonfinite_rows": bad_rows[:10].tolist(),
}
print(json.dumps({"files": [{"path": sys.argv[1], "shape": list(x.shape), "stats": stats}]}))
