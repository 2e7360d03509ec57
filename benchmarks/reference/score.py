#!/usr/bin/env python3
"""Straightforward vectorised numpy implementation of `ssl-quality score FILE --json`
(the README's definitions, float64 statistics): the script a researcher writes today."""
import json
import sys

import numpy as np
from q_score import q_scores

x = np.load(sys.argv[1])
_, _, _, dset, count, q = q_scores(x, 4.0, (50.0, 95.0))
print(json.dumps({"samples": x.shape[0], "discriminative_count": int(dset.sum()), "empty_count": int((count == 0).sum()),
                  "q": {"mean": float(q.mean()), "std": float(q.std()), "min": float(q.min()), "median": float(np.median(q)),
                        "max": float(q.max())}}))
