#!/usr/bin/env python3
"""PyTorch reference of `ssl-quality finetune`: the same residual adapter, head, objective,
Q-Score regulariser, optimiser and schedule, on the CPU. Used for the side-by-side bench
and to compare a Swift run's history with PyTorch's (not run by tests or CI).

    adapter   h' = relu(h + fc2(relu(fc1(h))))   fc1: D -> hidden, fc2: hidden -> D, fc2 = 0
    loss      objective(head(h'_1), head(h'_2)) + R(h'_1) + R(h'_2)
    R(Z)      -lambda1 * sum_{i: Q_i < alpha} Q_i + lambda2 * sum_{j: |Z_:,j|_1 > beta} |Z_:,j|_1
              (sets L_i, Dset, alpha, beta fixed per batch, mu_i a function of Z;
              "mean" divides the first sum by B and the second by B*D)
    schedule  linear warm-up, then cosine from lr to 0 over the remaining steps
    batches   one seeded permutation per epoch, the last incomplete batch dropped

    python3 benchmarks/reference/finetune_torch.py --views v0.npy v1.npy --objective simclr \\
        --epochs 1 --batch-size 256 --threads 2 [--out DIR]

Prints one JSON line (seconds, steps, per-epoch history); with --out writes
adapter.safetensors (PyTorch state-dict names fc1.weight, ...).
"""
import argparse
import copy
import json
import math
import os
import time

import numpy as np
import torch
import torch.nn as nn
from lightly.loss import NegativeCosineSimilarity, NTXentLoss, VICRegLoss
from lightly.models.modules import (BarlowTwinsProjectionHead, BYOLPredictionHead, BYOLProjectionHead,
                                    SimCLRProjectionHead, SimSiamPredictionHead, SimSiamProjectionHead)
from q_score import q_scores


class Adapter(nn.Module):
    def __init__(self, dim, hidden):
        super().__init__()
        self.fc1 = nn.Linear(dim, hidden)
        self.fc2 = nn.Linear(hidden, dim)
        nn.init.zeros_(self.fc2.weight)
        nn.init.zeros_(self.fc2.bias)

    def forward(self, h):
        return torch.relu(h + self.fc2(torch.relu(self.fc1(h))))


def heads(objective, dim):
    """lightly's default heads with widths scaled by D/2048 (hidden layers) as the Swift side does."""
    if objective == "simclr":
        return SimCLRProjectionHead(dim, dim, 128), None
    if objective == "byol":
        return BYOLProjectionHead(dim, 2 * dim, 256), BYOLPredictionHead(256, 2 * dim, 256)
    if objective == "simsiam":
        return SimSiamProjectionHead(dim, dim, dim), SimSiamPredictionHead(dim, max(1, dim // 4), dim)
    if objective in ("vicreg", "barlowtwins"):
        return BarlowTwinsProjectionHead(dim, 4 * dim, 4 * dim), None
    raise SystemExit(f"objective {objective} is not in this reference")


def q_regulariser(z, epsilon, band, lambda1, lambda2, reduction):
    """R on a batch, with the selected sets computed in float64 numpy and held constant."""
    h = z.detach().double().numpy()
    b, d = h.shape
    _, _, active, dset, counts, q = q_scores(h, epsilon, band)
    terms = active & dset[None, :]
    low = (q < q.mean()) & (counts > 0)
    norms = np.abs(h).sum(axis=0)
    heavy = norms > norms.mean()
    mask = torch.from_numpy(terms[low]).to(z.dtype)
    zl = z[torch.from_numpy(low)]
    lift = ((zl * mask).sum(dim=1) / mask.sum(dim=1) - zl.mean(dim=1)).sum()
    shrink = z[:, torch.from_numpy(heavy)].abs().sum()
    scale1, scale2 = (1.0 / b, 1.0 / (b * d)) if reduction == "mean" else (1.0, 1.0)
    r = -lambda1 * scale1 * lift + lambda2 * scale2 * shrink
    return r, float(q.mean()), float((counts == 0).mean())


def learning_rate(step, steps, warmup, lr):
    if step < warmup:
        return lr * (step + 1) / warmup
    rest = steps - warmup
    if rest <= 1 or step - warmup >= rest - 1:
        return 0.0
    return lr * (math.cos(math.pi * (step - warmup) / (rest - 1)) + 1) / 2


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--views", nargs=2, required=True)
    p.add_argument("--objective", default="simclr", choices=["simclr", "byol", "vicreg"])
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--batch-size", type=int, default=256)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--weight-decay", type=float, default=1e-4)
    p.add_argument("--warmup-epochs", type=int, default=0)
    p.add_argument("--lambda1", type=float, default=1e-4)
    p.add_argument("--lambda2", type=float, default=1e-4)
    p.add_argument("--epsilon", type=float, default=4.0)
    p.add_argument("--band", default="50:95")
    p.add_argument("--reduction", default="sum", choices=["sum", "mean"])
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--out")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    band = [float(x) for x in args.band.split(":")]

    views = [torch.from_numpy(np.load(path, mmap_mode="r")[:].astype(np.float32)) for path in args.views]
    n, d = views[0].shape
    adapter = Adapter(d, d)
    projection, prediction = heads(args.objective, d)
    online = nn.ModuleList([adapter, projection] + ([prediction] if prediction is not None else []))
    target = copy.deepcopy(nn.ModuleList([adapter, projection])) if args.objective == "byol" else None
    criterion = {"simclr": NTXentLoss(temperature=0.5), "byol": NegativeCosineSimilarity(),
                 "vicreg": VICRegLoss()}[args.objective]
    optimizer = torch.optim.AdamW(online.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    per_epoch = n // args.batch_size
    steps = args.epochs * per_epoch
    generator = torch.Generator().manual_seed(args.seed)
    history = []
    start = time.time()
    step = 0
    for epoch in range(args.epochs):
        order = torch.randperm(n, generator=generator)
        sums = np.zeros(4)
        for k in range(per_epoch):
            rows = order[k * args.batch_size:(k + 1) * args.batch_size]
            rate = learning_rate(step, steps, args.warmup_epochs * per_epoch, args.lr)
            for group in optimizer.param_groups:
                group["lr"] = rate
            adapted = [adapter(v[rows]) for v in views]
            r_terms = [q_regulariser(z, args.epsilon, band, args.lambda1, args.lambda2, args.reduction) for z in adapted]
            r = sum(t[0] for t in r_terms)
            if args.objective == "byol":
                p0, p1 = (prediction(projection(z)) for z in adapted)
                with torch.no_grad():
                    t0, t1 = (target[1](target[0](v[rows])) for v in views)
                objective = 0.5 * (criterion(p0, t1) + criterion(p1, t0))
            else:
                objective = criterion(projection(adapted[0]), projection(adapted[1]))
            loss = objective + r
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if target is not None:
                m = 1 - (1 - 0.996) * (math.cos(math.pi * step / max(1, steps - 1)) + 1) / 2
                with torch.no_grad():
                    for tp, op in zip(target.parameters(), nn.ModuleList([adapter, projection]).parameters()):
                        tp.mul_(m).add_(op, alpha=1 - m)
            sums += [objective.item(), r.item(), np.mean([t[1] for t in r_terms]), np.mean([t[2] for t in r_terms])]
            step += 1
        history.append(dict(zip(["objective", "r", "q_mean", "empty_share"], (sums / per_epoch).round(6).tolist())))
    seconds = time.time() - start
    if args.out:
        from safetensors.torch import save_file
        os.makedirs(args.out, exist_ok=True)
        save_file({k: v.contiguous() for k, v in adapter.state_dict().items()}, os.path.join(args.out, "adapter.safetensors"))
    print(json.dumps({"seconds": round(seconds, 3), "steps": steps, "samples": n, "features": d,
                      "objective": args.objective, "threads": args.threads, "history": history}))


if __name__ == "__main__":
    main()
