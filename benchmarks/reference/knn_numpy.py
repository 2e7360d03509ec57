#!/usr/bin/env python3
"""Chunked numpy implementation of DINO's weighted kNN (cosine, k, T): the equivalent of
`ssl-quality probe --method knn`. Prints top-1 accuracy as JSON."""
import json
import sys

import numpy as np

train, train_labels, test, test_labels = (np.load(p) for p in sys.argv[1:5])
k, temperature, chunk = 20, 0.07, 1000
train = train / np.linalg.norm(train, axis=1, keepdims=True)
test = test / np.linalg.norm(test, axis=1, keepdims=True)
classes = np.unique(train_labels)
encoded = np.searchsorted(classes, train_labels)
correct = 0
for start in range(0, len(test), chunk):
    sims = test[start:start + chunk] @ train.T
    top = np.argpartition(-sims, k, axis=1)[:, :k]
    weights = np.exp(np.take_along_axis(sims, top, axis=1) / temperature)
    votes = np.zeros((len(top), len(classes)))
    np.add.at(votes, (np.arange(len(top))[:, None], encoded[top]), weights)
    correct += int((classes[votes.argmax(axis=1)] == test_labels[start:start + chunk]).sum())
print(json.dumps({"accuracy": correct / len(test)}))
