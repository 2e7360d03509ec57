#!/usr/bin/env python3
"""scikit-learn equivalent of `ssl-quality probe --method logreg`: StandardScaler fitted on
train + LogisticRegression(solver="lbfgs", C, tol, max_iter). Prints accuracy as JSON."""
import json
import sys
import warnings

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

warnings.simplefilter("ignore")
train, train_labels, test, test_labels = (np.load(p) for p in sys.argv[1:5])
c, tol, max_iter = float(sys.argv[5]), float(sys.argv[6]), int(sys.argv[7])
scaler = StandardScaler().fit(train)
model = LogisticRegression(C=c, tol=tol, max_iter=max_iter).fit(scaler.transform(train), train_labels)
print(json.dumps({"accuracy": float(model.score(scaler.transform(test), test_labels)), "iterations": int(model.n_iter_[0])}))
