#!/usr/bin/env python3
"""numpy + Pillow reference for `ssl-quality interpret`: the same steps, written plainly.

Geometry: Resize(size) of the shorter side (longer side floor(size*long/short)), then
CenterCrop(size) with offsets round((extent-size)/2) (halves to even). Heatmaps: bilinear
with half-pixel centres (torch align_corners=False, no antialias), float32 arithmetic in
the same order as ssl-quality's, so binarised pixels agree exactly. Masks: Pillow's own
Image.resize(..., BILINEAR) (antialiased when shrinking), as torchvision's Resize does on
PIL images; Salient ImageNet masks as its loader SalientImageNet.__getitem__ builds them:
per image, uint8(max over the features' masks / 255 * 255) as a mode-L image, resized,
cropped, / 255 as float32 (ToTensor). Plain masks are resized as mode-F images.
Heatmaps are min-max normalised after the geometry and active where >= the heatmap
threshold; masks are inside where >= the mask threshold. IoU = |M&C|/|M|C| (0 for an empty
union); share = heatmap mass inside C / total mass (0 without mass).

Salient ImageNet: a (class, feature) is spurious when >= 3 of its crowd-sourcing answers
are `background` or `separate_object`.

Used by fixtures/make_interpret_fixtures.py (golden values) and benchmarks/run.py:

    interpret_numpy.py --heatmaps H.npy --images list.txt --core-masks DIR [--spurious-masks DIR]
"""
import argparse
import csv
import json
import os
import sys

import numpy as np
from PIL import Image

F = np.float32
LUMA = (F(0.299), F(0.587), F(0.114))


def load_image(path):
    """A PNG/JPEG/.npy file as a float32 gray image in [0, 1] (images scaled by bit depth)."""
    if path.endswith(".npy"):
        return np.load(path).astype(np.float32)
    image = Image.open(path)
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    array = np.asarray(image)
    top = 65535 if image.mode.startswith("I;16") or array.dtype == np.uint16 else 255
    scale = F(1) / F(top)
    if array.ndim == 3 and array.shape[2] >= 3:
        r, g, b = (array[..., k].astype(np.float32) for k in range(3))
        return (LUMA[0] * r + LUMA[1] * g + LUMA[2] * b) * scale
    if array.ndim == 3:
        array = array[..., 0]
    return array.astype(np.float32) * scale


def axis(size_in, size_out, window):
    scale = F(size_in) / F(size_out)
    d = np.arange(window[0], window[1]).astype(np.float32)
    src = np.maximum(F(0), (d + F(0.5)) * scale - F(0.5))
    lower = np.minimum(src.astype(np.int64), size_in - 1)
    lam = src - lower.astype(np.float32)
    upper = np.minimum(lower + 1, size_in - 1)
    return lower, upper, F(1) - lam, lam


def resample(image, width, height, columns, rows):
    """The window columns x rows of `image` bilinearly resized to width x height."""
    h, w = image.shape
    if (width, height) == (w, h):
        return image[rows[0]:rows[1], columns[0]:columns[1]]
    x0, x1, wx0, wx1 = axis(w, width, columns)
    y0, y1, wy0, wy1 = axis(h, height, rows)
    blended = image[:, x0] * wx0 + image[:, x1] * wx1
    return blended[y0, :] * wy0[:, None] + blended[y1, :] * wy1[:, None]


def resize(image, width, height):
    return resample(image, width, height, (0, width), (0, height))


def geometry(image, size=224, crop=True):
    h, w = image.shape
    if w <= h:
        width, height = size, size * h // w
    else:
        width, height = size * w // h, size
    if not crop:
        return resample(image, width, height, (0, width), (0, height))
    left, top = round((width - size) / 2), round((height - size) / 2)  # Python rounds halves to even
    return resample(image, width, height, (left, left + size), (top, top + size))


def mask_geometry(mask, size=224, crop=True):
    """Resize(size) + CenterCrop(size) of a mask with Pillow's bilinear filter: a uint8
    array as a mode-L image (result / 255 as float32, torchvision's ToTensor), a float
    array as a mode-F image."""
    eight_bit = mask.dtype == np.uint8
    image = Image.fromarray(mask, "L") if eight_bit else Image.fromarray(mask.astype(np.float32), "F")
    w, h = image.size
    if w <= h:
        width, height = size, int(size * h / w)
    else:
        width, height = int(size * w / h), size
    image = image.resize((width, height), Image.BILINEAR)
    if crop:
        left, top = round((width - size) / 2), round((height - size) / 2)
        image = image.crop((left, top, left + size, top + size))
    array = np.asarray(image)
    return array.astype(np.float32) / F(255) if eight_bit else array.astype(np.float32)


def salient_loader_mask(paths):
    """One image's mask as SalientImageNet.__getitem__ combines its features' masks."""
    combined = None
    for path in paths:
        mask = np.asarray(Image.open(path)) / 255.0
        combined = np.zeros(mask.shape) if combined is None else combined
        combined = np.maximum(combined, mask)
    return np.uint8(combined * 255)


def normalise(heatmap):
    low, high = heatmap.min(), heatmap.max()
    span = high - low
    if not span > 0:
        return np.zeros_like(heatmap), True
    return (heatmap - low) / span, False


def overlap(normalised, mask, heatmap_threshold=0.6, mask_threshold=0.5):
    active = normalised >= F(heatmap_threshold)
    inside = mask >= F(mask_threshold)
    intersection = int(np.count_nonzero(active & inside))
    union = int(np.count_nonzero(active | inside))
    mass = float(normalised.astype(np.float64).sum())
    mass_inside = float(normalised[inside].astype(np.float64).sum())
    return {
        "iou": intersection / union if union else 0.0,
        "share": mass_inside / mass if mass > 0 else 0.0,
        "intersection": intersection,
        "union": union,
    }


def load_mask(paths):
    combined = None
    for path in paths:
        mask = load_image(path)
        combined = mask if combined is None else np.maximum(combined, mask)
    return combined


def score_pairs(heatmap_of, masks_of, ids, size=224, crop=True, heatmap_threshold=0.6, mask_threshold=0.5):
    """One record per (image, mask): masks_of(id) yields (kind, paths, extra) triples."""
    pairs, flat = [], 0
    for index, image_id in enumerate(ids):
        normalised, is_flat = normalise(geometry(heatmap_of(index, image_id), size, crop))
        flat += is_flat
        for kind, paths, extra in masks_of(image_id):
            native = salient_loader_mask(paths) if extra.get("quantized") else load_mask(paths)
            mask = mask_geometry(native, size, crop)
            record = {"image": image_id, "index": index, "kind": kind, **{k: v for k, v in extra.items() if k != "quantized"}}
            record.update(overlap(normalised, mask, heatmap_threshold, mask_threshold))
            pairs.append(record)
    return pairs, flat


def summary(pairs, correct=None):
    def means(selected):
        out = {}
        for kind in ("core", "spurious"):
            chosen = [p for p in selected if p["kind"] == kind]
            out[f"{kind}_pairs"] = len(chosen)
            out[f"{kind}_iou"] = float(np.mean([p["iou"] for p in chosen])) if chosen else None
            out[f"{kind}_share"] = float(np.mean([p["share"] for p in chosen])) if chosen else None
        both = out["core_iou"] is not None and out["spurious_iou"] is not None
        out["difference"] = out["core_iou"] - out["spurious_iou"] if both else None
        out["pairs"] = len(selected)
        return out

    result = means(pairs)
    if correct is not None:
        result["by_correctness"] = {
            "correct": means([p for p in pairs if correct[p["index"]]]),
            "incorrect": means([p for p in pairs if not correct[p["index"]]]),
        }
    return result


def salient_verdicts(mturk_csv):
    """{(wnid, feature): (class_index, kind)} by the >= 3 background/separate_object rule."""
    counts = {}
    with open(mturk_csv, newline="") as handle:
        for row in csv.DictReader(handle):
            key = (row["Input.wordnet_id"], int(row["Input.feature_index"]))
            answers, spurious = counts.get(key, (int(row["Input.class_index"]), 0, 0))[1:]
            spurious += row["Answer.main"] in ("background", "separate_object")
            counts[key] = (int(row["Input.class_index"]), answers + 1, spurious)
    return {key: (c, "spurious" if s >= 3 else "core") for key, (c, _, s) in counts.items()}


def salient_masks(root, verdicts, per_feature=False):
    """masks_of(id) over a Salient ImageNet tree: one core and one spurious mask per image
    (the maximum over the features of that kind listing it), or one per (image, feature)."""
    listing = {}
    for wnid in sorted(os.listdir(root)):
        table = os.path.join(root, wnid, "image_fnames.csv")
        if not os.path.exists(table):
            continue
        with open(table, newline="") as handle:
            rows = list(csv.reader(handle))
        for row in rows[1:]:
            for feature, stem in zip(rows[0], row):
                if stem:
                    listing.setdefault(stem, []).append((wnid, int(feature)))

    def masks_of(image_id):
        found = []
        for wnid, feature in sorted(listing[image_id]):
            class_index, kind = verdicts[(wnid, feature)]
            path = os.path.join(root, wnid, f"feature_{feature}", "cams", f"{image_id}.jpeg")
            found.append((kind, path, wnid, class_index, feature))
        if per_feature:
            for kind, path, wnid, class_index, feature in found:
                yield kind, [path], {"wnid": wnid, "class_index": class_index, "feature_index": feature, "quantized": True}
            return
        for wanted in ("core", "spurious"):
            chosen = [f for f in found if f[0] == wanted]
            if chosen:
                yield wanted, [f[1] for f in chosen], {
                    "wnid": chosen[0][2], "class_index": chosen[0][3],
                    "feature_index": ";".join(str(f[4]) for f in chosen), "quantized": True}

    return masks_of


def plain_masks(core, spurious):
    """masks_of(id) over directories of <id>.png|jpg|jpeg|npy files and <id>/ folders."""
    def index(directory):
        files = {}
        for name in os.listdir(directory):
            full = os.path.join(directory, name)
            stem, ext = os.path.splitext(name)
            if os.path.isdir(full):
                files.setdefault(name, []).extend(os.path.join(full, f) for f in os.listdir(full) if not f.startswith("."))
            elif ext.lower() in (".png", ".jpg", ".jpeg", ".npy"):
                files.setdefault(stem, []).append(full)
        return {key: sorted(value) for key, value in files.items()}

    directories = [(kind, index(directory)) for kind, directory in (("core", core), ("spurious", spurious)) if directory]

    def masks_of(image_id):
        for kind, files in directories:
            yield kind, files[image_id], {}

    return masks_of


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--heatmaps", required=True)
    parser.add_argument("--images", required=True)
    parser.add_argument("--core-masks")
    parser.add_argument("--spurious-masks")
    args = parser.parse_args()
    stack = np.load(args.heatmaps, mmap_mode="r")
    ids = [line.strip() for line in open(args.images) if line.strip()]
    pairs, flat = score_pairs(lambda index, _: np.asarray(stack[index], dtype=np.float32), plain_masks(args.core_masks, args.spurious_masks), ids)
    out = {"images": len(ids), "flat_heatmaps": flat}
    out.update(summary(pairs))
    json.dump(out, sys.stdout)
    print()


if __name__ == "__main__":
    main()
