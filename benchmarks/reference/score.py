#!/usr/bin/env python3
"""Straightforward vectorised numpy implementation of `ssl-quality score FILE --json`
(the README's definitions, float64 statistics): the script a researcher writes today."""
import json
import sys

import numpy as np

eps, band = 4.0, (50.0, 95.0)
x = np.load(sys.argv[1])
mu = x.mean(axis=1, dtype=np.float64)
sd = x.std(axis=1, dtype=np.float64)
active = x > (mu + eps * sd)[:, None]
freq = active.mean(axis=0)
nonzero = freq[freq > 0]
low, high = np.percentile(nonzero, band)
dset = (freq > 0) & (freq >= low) & (freq <= high)
terms = active & dset[None, :]
count = terms.sum(axis=1)
q = np.where(count > 0, ((x - mu[:, None]) * terms).sum(axis=1) / np.maximum(count, 1), 0.0)
print(json.dumps({"samples": x.shape[0], "discriminative_count": int(dset.sum()), "empty_count": int((count == 0).sum()),
                  "q": {"mean": float(q.mean()), "std": float(q.std()), "min": float(q.min()), "median": float(np.median(q)),
                        "max": float(q.max())}}))
