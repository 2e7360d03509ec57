#!/usr/bin/env python3
"""The same training step in PyTorch on the CPU: residual adapter relu(h + fc2(relu(fc1(h))))
(fc2 zero-initialised), lightly's SimCLRProjectionHead (D -> D -> 128, BatchNorm), lightly's
NTXentLoss (temperature 0.5), SGD (momentum 0.9, weight decay 1e-4), float32.

Usage: train_step_torch.py BATCH FEATURES HIDDEN STEPS THREADS
Prints one JSON line like train-step-bench (the first, warm-up step untimed).
"""
import json
import sys
import time

import torch
from lightly.loss import NTXentLoss
from lightly.models.modules import SimCLRProjectionHead


class Adapter(torch.nn.Module):
    def __init__(self, features, hidden):
        super().__init__()
        self.fc1 = torch.nn.Linear(features, hidden)
        self.fc2 = torch.nn.Linear(hidden, features)
        torch.nn.init.zeros_(self.fc2.weight)
        torch.nn.init.zeros_(self.fc2.bias)

    def forward(self, h):
        return torch.relu(h + self.fc2(torch.relu(self.fc1(h))))


def main():
    batch, features, hidden, steps, threads = (int(a) for a in sys.argv[1:6])
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    adapter, head = Adapter(features, hidden), SimCLRProjectionHead(features, features, 128)
    model = torch.nn.Sequential(adapter, head).train()
    loss_fn = NTXentLoss(temperature=0.5)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=1e-4)
    view0, view1 = torch.randn(batch, features), torch.randn(batch, features)

    def step():
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(view0), model(view1))
        loss.backward()
        optimizer.step()
        return loss.item()

    loss = step()
    start = time.perf_counter()
    for _ in range(steps):
        loss = step()
    seconds = (time.perf_counter() - start) / steps
    print(json.dumps({"seconds_per_step": seconds, "steps": steps, "loss": loss}))


if __name__ == "__main__":
    main()
