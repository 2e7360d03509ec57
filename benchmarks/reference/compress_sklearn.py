#!/usr/bin/env python3
"""scikit-learn equivalent of `ssl-quality compress` (the default sweep): rankings fitted
on the train split (discriminative features as the README defines them, eps 4, band 50:95; highest
variance; 3 random permutations), and for kept fractions 0.1 ... 1.0 a StandardScaler +
LogisticRegression(C=1, tol=1e-4, max_iter=1000) fitted cold on the kept train columns.

    compress_sklearn.py TRAIN TRAIN_LABELS TEST TEST_LABELS   (prints the curve as JSON)
Also imported by fixtures/make_compress_reference.py."""
import json
import sys
import warnings

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler


def discriminative_ranking(x, eps=4.0, band=(50.0, 95.0)):
    """Dset first by A_j descending, then the rest by A_j descending; ties by lower index."""
    x64 = x.astype(np.float64)
    mu, sd = x64.mean(axis=1), x64.std(axis=1)
    freq = (x64 > (mu + eps * sd)[:, None]).mean(axis=0)
    nonzero = np.sort(freq[freq > 0])
    low, high = np.percentile(nonzero, band)
    member = (freq > 0) & (freq >= low) & (freq <= high)
    order = sorted(range(x.shape[1]), key=lambda j: (not member[j], -freq[j], j))
    return order, int(member.sum())


def sweep(train, train_labels, test, test_labels, seeds=3):
    warnings.simplefilter("ignore")
    d = train.shape[1]
    ranking, count = discriminative_ranking(train)
    std = train.astype(np.float64).std(axis=0)
    variance = sorted(range(d), key=lambda j: (-std[j], j))
    rng = np.random.default_rng(0)
    randoms = [rng.permutation(d) for _ in range(seeds)]

    def accuracy(columns):
        scaler = StandardScaler().fit(train[:, columns])
        model = LogisticRegression(C=1.0, tol=1e-4, max_iter=1000).fit(scaler.transform(train[:, columns]), train_labels)
        return float(model.score(scaler.transform(test[:, columns]), test_labels))

    curve = []
    for f in [round(0.1 * k, 1) for k in range(1, 11)]:
        kept = min(d, max(1, int(round(f * d))))
        random_values = [accuracy(list(r[:kept])) for r in randoms]
        curve.append({"fraction": f, "kept": kept, "discriminative": accuracy(ranking[:kept]),
                      "variance": accuracy(variance[:kept]), "random_mean": float(np.mean(random_values)),
                      "random_std": float(np.std(random_values))})
    return {"discriminative_count": count, "discriminative_ranking": ranking, "variance_ranking": variance, "curve": curve}


if __name__ == "__main__":
    result = sweep(*(np.load(p) for p in sys.argv[1:5]))
    print(json.dumps({"accuracy": result["curve"][-1]["discriminative"], "curve": result["curve"]}))
