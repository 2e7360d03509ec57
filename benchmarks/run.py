#!/usr/bin/env python3
"""Side-by-side benchmarks: ssl-quality against the numpy / scikit-learn equivalent.

Each pair runs alternately (ours, reference, ours, ...) for REPS repetitions as separate
processes; the wall-clock median and peak RSS (/usr/bin/time) of each side are
reported with their ratio and appended to benchmarks/RESULTS.md. Generated inputs are
cached in benchmarks/data/ (git-ignored); each is read once before timing so the page
cache is warm for both sides. A file the kernel read from disk may sit in the cache in
large pages, which makes reading it faster for both sides than a file just written (4 kB
pages); `--from-disk` drops each input from the cache and reads it back first.

    python3 benchmarks/run.py [--reps 3] [--only NAME...] [--finetune-rows 50000] [--from-disk]

Each line also gives the 1-minute load average seen before each side's runs (median) and
every run's time, so a figure taken on a busy machine says so.

Run it with a Python that has numpy, scikit-learn and Pillow (`make bench PYTHON=...`).
"""
import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "benchmarks", "data")
BIN = os.path.join(ROOT, ".build", "release", "ssl-quality")
TRAIN_BIN = os.path.join(ROOT, ".build", "release", "train-step-bench")
# The training-step reference needs torch and lightly 1.6; they may live in another Python.
TORCH_PYTHON = os.environ.get("TORCH_PYTHON", sys.executable)
REFERENCE = os.path.join(ROOT, "benchmarks", "reference")


def relu_matrix(path, rows, columns, seed=0):
    """A post-ReLU-like float32 matrix written in row blocks (never whole in memory)."""
    if os.path.exists(path):
        return path
    os.makedirs(DATA, exist_ok=True)
    tmp = path + ".tmp"
    out = np.lib.format.open_memmap(tmp, mode="w+", dtype="<f4", shape=(rows, columns))
    rng = np.random.default_rng(seed)
    step = max(1, (64 << 20) // (columns * 4))
    for start in range(0, rows, step):
        block = rng.standard_normal((min(step, rows - start), columns), dtype=np.float32)
        block *= rng.gamma(2.0, 1.0, size=(1, columns)).astype(np.float32)
        np.maximum(block, 0, out=block)
        out[start:start + len(block)] = block
    out.flush()
    del out
    os.rename(tmp, path)
    return path


def first_rows(path, rows):
    """The first `rows` rows of a cached .npy matrix, cached next to it."""
    out = path.replace(".npy", f"_first{rows}.npy")
    if not os.path.exists(out):
        np.save(out + ".tmp.npy", np.load(path, mmap_mode="r")[:rows])
        os.rename(out + ".tmp.npy", out)
    return out


def labelled_features(prefix, rows, test_rows, columns, classes, seed=1):
    """Class-structured post-ReLU features: a random mean per class plus noise; returns the
    train, train-label, test and test-label paths."""
    paths = [os.path.join(DATA, f"{prefix}_{name}.npy") for name in ("train", "train_labels", "test", "test_labels")]
    if all(os.path.exists(p) for p in paths):
        return paths
    os.makedirs(DATA, exist_ok=True)
    rng = np.random.default_rng(seed)
    means = rng.standard_normal((classes, columns), dtype=np.float32) * 0.1
    for count, (x_path, y_path) in ((rows, paths[:2]), (test_rows, paths[2:])):
        labels = rng.integers(0, classes, size=count)
        x = means[labels] + rng.standard_normal((count, columns), dtype=np.float32)
        np.maximum(x, 0, out=x)
        np.save(x_path, x)
        np.save(y_path, labels.astype(np.int64))
    return paths


def heatmaps_and_masks(directory, count, size=224, seed=4):
    """`count` Grad-CAM-like heatmaps [count, size, size] float32 (14 x 14 maps upsampled,
    plus noise), one soft JPEG mask per image (Gaussian blobs), and the image list."""
    heatmaps, masks, images = (os.path.join(directory, n) for n in ("heatmaps.npy", "masks", "images.txt"))
    if os.path.exists(images):
        return heatmaps, masks, images
    from PIL import Image
    os.makedirs(masks, exist_ok=True)
    rng = np.random.default_rng(seed)
    stack = np.lib.format.open_memmap(heatmaps + ".tmp", mode="w+", dtype="<f4", shape=(count, size, size))
    y, x = np.mgrid[0:size, 0:size].astype(np.float32)
    ids = [f"img_{k:06d}" for k in range(count)]
    for k, image_id in enumerate(ids):
        coarse = rng.random((14, 14), dtype=np.float32)
        stack[k] = np.repeat(np.repeat(coarse, size // 14, axis=0), size // 14, axis=1) + rng.random((size, size), dtype=np.float32) * 0.05
        cy, cx, sy, sx = rng.uniform(0, size), rng.uniform(0, size), rng.uniform(15, 70), rng.uniform(15, 70)
        mask = np.exp(-(((y - cy) / sy) ** 2 + ((x - cx) / sx) ** 2) / 2)
        Image.fromarray(np.round(mask * 255).astype(np.uint8), "L").save(os.path.join(masks, image_id + ".jpeg"), quality=90)
    stack.flush()
    del stack
    os.rename(heatmaps + ".tmp", heatmaps)
    with open(images, "w") as handle:
        handle.write("\n".join(ids) + "\n")
    return heatmaps, masks, images


def warm(path, from_disk=False):
    """Reads `path` once so both sides find it in the page cache. With `from_disk`, drops it
    from the cache first, so it is cached as a file read from disk is (which the kernel may
    hold in large pages) rather than as the process that wrote it left it (4 kB pages)."""
    with open(path, "rb") as f:
        if from_disk:
            os.posix_fadvise(f.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
        while f.read(64 << 20):
            pass


def run(command):
    """Wall seconds, peak RSS (MB, from /usr/bin/time) and the stdout of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(["/usr/bin/time", "-f", "%M"] + command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = process.communicate()
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}\n{err.decode()}")
    return seconds, int(err.decode().strip().splitlines()[-1]) / 1024, out.decode()


def benchmarks(finetune_rows=50000):
    """name -> (setup returning the input paths, ours, reference). `finetune_rows` < 50 000
    times the fine-tuning epoch on the first rows of the same views (rows / 256 steps)."""
    def inspect_4gb():
        path = relu_matrix(os.path.join(DATA, "relu_524288x2048.npy"), 524288, 2048)
        return [path], [BIN, "inspect", "--stats", "--json", path], [sys.executable, os.path.join(REFERENCE, "inspect_stats.py"), path]

    def score_100k():
        path = relu_matrix(os.path.join(DATA, "relu_100000x2048.npy"), 100000, 2048, seed=5)
        return [path], [BIN, "score", "--json", path], [sys.executable, os.path.join(REFERENCE, "score.py"), path]

    def score_200k():
        path = relu_matrix(os.path.join(DATA, "relu_200000x2048.npy"), 200000, 2048, seed=2)
        return [path], [BIN, "score", "--json", path], [sys.executable, os.path.join(REFERENCE, "score.py"), path]

    def probe_logreg():
        paths = labelled_features("classes100s01", 50000, 10000, 2048, 100)
        return (paths, [BIN, "probe", "--json", "--train", paths[0], "--train-labels", paths[1], "--test", paths[2], "--test-labels", paths[3]],
                [sys.executable, os.path.join(REFERENCE, "probe_sklearn.py")] + paths + ["1.0", "1e-4", "100"])

    def probe_knn():
        paths = labelled_features("classes100s01", 50000, 10000, 2048, 100)
        return (paths, [BIN, "probe", "--json", "--method", "knn", "--train", paths[0], "--train-labels", paths[1], "--test", paths[2],
                        "--test-labels", paths[3]],
                [sys.executable, os.path.join(REFERENCE, "knn_numpy.py")] + paths)

    def compress_sweep():
        paths = labelled_features("classes100s01_20k", 20000, 5000, 2048, 100, seed=3)
        return (paths, [BIN, "compress", "--json", "--train", paths[0], "--train-labels", paths[1], "--test", paths[2],
                        "--test-labels", paths[3]],
                [sys.executable, os.path.join(REFERENCE, "compress_sklearn.py")] + paths)

    def interpret_10k():
        heatmaps, masks, images = heatmaps_and_masks(os.path.join(DATA, "interpret10k"), 10000)
        for name in os.listdir(masks):
            warm(os.path.join(masks, name))
        return ([heatmaps, images], [BIN, "interpret", "--json", "--heatmaps", heatmaps, "--images", images, "--core-masks", masks],
                [sys.executable, os.path.join(REFERENCE, "interpret_numpy.py"), "--heatmaps", heatmaps, "--images", images,
                 "--core-masks", masks])

    def spectrum_8192():
        path = relu_matrix(os.path.join(DATA, "relu_16000x8192.npy"), 16000, 8192, seed=6)
        return [path], [BIN, "spectrum", "--json", path], [sys.executable, os.path.join(REFERENCE, "spectrum_numpy.py"), path]

    def train_step():
        shape = ["256", "2048", "2048", "5", str(os.cpu_count())]
        return [], [TRAIN_BIN] + shape, [TORCH_PYTHON, os.path.join(REFERENCE, "train_step_torch.py")] + shape

    def finetune_epoch():
        views = [relu_matrix(os.path.join(DATA, f"relu_50000x2048_view{k}.npy"), 50000, 2048, seed=10 + k) for k in range(2)]
        if finetune_rows < 50000:
            views = [first_rows(path, finetune_rows) for path in views]
        threads = str(os.cpu_count())
        out = tempfile.mkdtemp(prefix="finetune-bench-")
        common = ["--views"] + views + ["--objective", "simclr", "--epochs", "1", "--batch-size", "256", "--threads", threads]
        return (views, [BIN, "finetune", "--json", "--out", out] + common,
                [TORCH_PYTHON, os.path.join(REFERENCE, "finetune_torch.py")] + common)

    return {
        "inspect --stats, 524288 x 2048 float32 (4.3 GB)": inspect_4gb,
        "score, 100000 x 2048 float32 (0.8 GB)": score_100k,
        "score, 200000 x 2048 float32 (1.6 GB)": score_200k,
        "probe logreg (L-BFGS, C=1, tol 1e-4, 100 iterations), 50000 x 2048, 100 classes": probe_logreg,
        "probe knn (k=20, T=0.07), 50000 train / 10000 test x 2048": probe_knn,
        "compress, default sweep (10 fractions x 5 rankings), 20000 train / 5000 test x 2048, 100 classes": compress_sweep,
        "interpret, 10000 heatmap/mask pairs (224 x 224 float32 heatmaps, JPEG masks)": interpret_10k,
        "spectrum, 16000 x 8192 float32 (0.5 GB; numpy: X.T @ X and eigvalsh in float64)": spectrum_8192,
        "train step (adapter + SimCLR head + NT-Xent, SGD; batch 256, D 2048, hidden 2048; seconds per step, all cores)": train_step,
        f"finetune, one epoch over 2 views of {finetune_rows} x 2048 (SimCLR + R, AdamW, batch 256; training seconds, all cores)": finetune_epoch,
    }


def per_step(output):
    """The seconds a training benchmark reports for its training loop alone (per step, or
    the fine-tuning epoch's training seconds); None for other outputs."""
    try:
        data = json.loads(output)
    except ValueError:
        return None
    if "seconds_per_step" in data:
        return data["seconds_per_step"]
    if "runs" in data:
        return sum(run["training_seconds"] for run in data["runs"])
    if "history" in data and "seconds" in data:
        return data["seconds"]
    return None


def note(outputs):
    """What both sides computed, where it can be compared (accuracy, |Dset|)."""
    parts = []
    for side in ("ours", "reference"):
        try:
            data = json.loads(outputs[side])
        except (KeyError, ValueError):
            continue
        if "files" in data:
            data = data["files"][0].get("stats", {})
        for key in ("accuracy", "full_accuracy", "discriminative_count", "mean", "core_iou", "loss", "rankme"):
            if key in data:
                parts.append(f"{side} {key} {data[key]:.6g}")
                break
    return ", ".join(parts)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--only", nargs="*")
    parser.add_argument("--finetune-rows", type=int, default=50000,
                        help="rows of the fine-tuning views (50000: the full epoch; 2560: 10 steps)")
    parser.add_argument("--from-disk", action="store_true",
                        help="drop each input from the page cache and read it back before timing")
    args = parser.parse_args()
    rows = []
    results = os.path.join(ROOT, "benchmarks", "RESULTS.md")
    if not os.path.exists(results):
        with open(results, "w") as f:
            f.write("# Benchmark results\n\nAppended by `make bench` (benchmarks/run.py); newest last.\n")
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    header = [f"\n## {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, commit {commit}",
              f"{os.cpu_count()} cores, {cpu}; numpy {np.__version__}, Python {platform.python_version()}; "
              f"median of {args.reps} alternating runs (compress: 1), largest peak RSS seen"
              f"{'; inputs dropped from the page cache and read back first' if args.from_disk else ''}.\n",
              "| benchmark | ssl-quality | reference | speed-up | ssl-quality RSS | reference RSS | input read at | results |",
              "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for name, setup in benchmarks(args.finetune_rows).items():
        if args.only and not any(word in name for word in args.only):
            continue
        paths, ours, reference = setup()
        if not os.path.exists(ours[0]):
            raise SystemExit(f"build first: make bench (missing {ours[0]})")
        for path in paths:
            warm(path, args.from_disk)
        times = {"ours": [], "reference": []}
        loads = {"ours": [], "reference": []}
        peaks = {"ours": [], "reference": []}
        outputs = {}
        reps = 1 if name.startswith("compress") else args.reps  # minutes per scikit-learn sweep
        for _ in range(reps):
            for side, command in (("ours", ours), ("reference", reference)):
                loads[side].append(os.getloadavg()[0])
                seconds, peak, output = run(command)
                seconds = per_step(output) or seconds
                times[side].append(seconds)
                peaks[side].append(peak)
                outputs[side] = output
        size = sum(os.path.getsize(p) for p in paths)
        row = {
            "name": name,
            "ours": statistics.median(times["ours"]), "reference": statistics.median(times["reference"]),
            "ours_rss": max(peaks["ours"]), "reference_rss": max(peaks["reference"]),
            "gbps": size / statistics.median(times["ours"]) / 1e9 if size else 0.0,
            "note": note(outputs),
            "load": f"load {statistics.median(loads['ours']):.1f} / {statistics.median(loads['reference']):.1f}",
            "spread": "runs " + " / ".join(", ".join(f"{t:.3g}" for t in times[side]) + " s" for side in ("ours", "reference")),
        }
        row["ratio"] = row["reference"] / row["ours"]
        rows.append(row)
        rate = f"{row['gbps']:.2f} GB/s" if row["gbps"] else "—"
        print(f"{name}: ours {row['ours']:.3f}s ({rate}, {row['ours_rss']:.0f} MB), "
              f"reference {row['reference']:.3f}s ({row['reference_rss']:.0f} MB), {row['ratio']:.1f}x faster {row['note']}, "
              f"{row['load']}, {row['spread']}", flush=True)
        with open(results, "a") as f:
            if len(rows) == 1:
                f.write("\n".join(header) + "\n")
            f.write(f"| {name} | {row['ours']:.3f} s | {row['reference']:.3f} s | {row['ratio']:.1f}× | "
                    f"{row['ours_rss']:.0f} MB | {row['reference_rss']:.0f} MB | {rate} | {'; '.join(filter(None, (row['note'], row['load'], row['spread'])))} |\n")


if __name__ == "__main__":
    main()
