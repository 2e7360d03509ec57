#!/usr/bin/env python3
"""How far outputs move between OpenBLAS kernels: the figures behind docs/determinism.md.

Runs the same commands on the demo data once per OpenBLAS core type (OPENBLAS_CORETYPE),
then compares every output with the first kernel's: each `.npy` element by element, each
number of the `--json` output by its path. Prints, per output, the largest absolute and
relative difference (relative to max(|a|, |b|), over elements that differ) and how many
elements differ at all; an output with no difference says "bit-identical".

    python3 benchmarks/kernels.py [--bin .build/release/ssl-quality] [--kernels Haswell Sandybridge Zen] [--only probe ...]

JSON numbers that differ are listed by path with both values (the eight largest relative
differences), so a count that moved (iterations, |Dset|) shows apart from a rounding.

Needs numpy (any Python that has it; not a dependency of ssl-quality).
"""
import argparse
import json
import os
import subprocess
import tempfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEMO = os.path.join(ROOT, "fixtures", "demo")


def demo(name):
    return os.path.join(DEMO, name)


def commands(out):
    """(name, arguments, .npy outputs) of each measured command; `out` is the kernel's folder."""
    labels = ["--train-labels", demo("train_labels.npy"), "--test-labels", demo("test_labels.npy")]
    splits = ["--train", demo("train.npy"), "--test", demo("test.npy")] + labels
    return [
        ("score", ["score", demo("test.npy"), "--labels", demo("test_labels.npy"), "--predictions", demo("test_predictions.npy"),
                   "--probabilities", demo("test_probabilities.npy"), "--scores-out", f"{out}/q.npy"], ["q.npy"]),
        ("features", ["features", demo("train.npy")], []),
        ("spectrum", ["spectrum", demo("test.npy")], []),
        ("probe", ["probe"] + splits + ["--probabilities-out", f"{out}/probabilities.npy"], ["probabilities.npy"]),
        ("probe knn", ["probe"] + splits + ["--method", "knn"], []),
        ("finetune", ["finetune", "--views", demo("train_view0.npy"), demo("train_view1.npy")] + splits
         + ["--epochs", "2", "--threads", "2", "--out", f"{out}/finetune"], ["finetune/train.npy", "finetune/test.npy"]),
    ]


def numbers(value, path=""):
    """Every number of a JSON value, by its path."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from numbers(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from numbers(item, f"{path}[{index}]")
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        yield path, float(value)


def difference(a, b):
    """(largest absolute difference, largest relative difference, elements that differ, elements)."""
    a, b = np.asarray(a, dtype=np.float64).ravel(), np.asarray(b, dtype=np.float64).ravel()
    differ = ~((a == b) | (np.isnan(a) & np.isnan(b)))
    if not differ.any():
        return 0.0, 0.0, 0, a.size
    absolute = np.abs(a - b)[differ]
    relative = absolute / np.maximum(np.abs(a), np.abs(b))[differ]
    return float(absolute.max()), float(relative.max()), int(differ.sum()), a.size


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build", "release", "ssl-quality"))
    parser.add_argument("--kernels", nargs="+", default=["Haswell", "Sandybridge", "Zen"])
    parser.add_argument("--only", nargs="+", help="measure only these commands (names as printed)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        results = {}
        for kernel in options.kernels:
            out = os.path.join(scratch, kernel)
            os.makedirs(out)
            environment = dict(os.environ, OPENBLAS_CORETYPE=kernel)
            for name, arguments, files in commands(out):
                if options.only and name not in options.only:
                    continue
                run = subprocess.run([options.bin] + arguments + ["--json"], cwd=ROOT, env=environment, capture_output=True, text=True)
                if run.returncode != 0:
                    raise SystemExit(f"{kernel} {name}: exit {run.returncode}: {run.stderr.strip()}")
                values = dict(numbers(json.loads(run.stdout)))
                arrays = {file: np.load(os.path.join(out, file)) for file in files}
                results.setdefault(name, {})[kernel] = (values, arrays)
        first = options.kernels[0]
        for name, by_kernel in results.items():
            values, arrays = by_kernel[first]
            for kernel in options.kernels[1:]:
                other_values, other_arrays = by_kernel[kernel]
                keys = sorted(set(values) & set(other_values) - {k for k in values if k.endswith("seconds")})
                lines = [(f"{name} --json", difference([values[k] for k in keys], [other_values[k] for k in keys]))]
                lines += [(f"{name} {file}", difference(arrays[file], other_arrays[file])) for file in arrays]
                for label, (absolute, relative, count, size) in lines:
                    verdict = "bit-identical" if count == 0 else f"max abs {absolute:.3g}, max rel {relative:.3g}, {count} of {size} differ"
                    print(f"{first} vs {kernel}: {label}: {verdict}")
                moved = [(difference([values[k]], [other_values[k]])[1], k) for k in keys if values[k] != other_values[k]]
                for relative, key in sorted(moved, reverse=True)[:8]:
                    print(f"    {key}: {values[key]!r} vs {other_values[key]!r} (rel {relative:.3g})")


if __name__ == "__main__":
    main()
