"""Q-Score of every row in float64 numpy, as the README defines it: the one reference
implementation behind the score benchmark, the fine-tuning reference and the training
fixtures.

    mu_i, sigma_i   mean and population std of row i
    L_i             { j : z_ij > mu_i + eps * sigma_i }
    A_j             share of rows with j in L_i;  Dset = { j : A_j > 0, p_low <= A_j <= p_high }
                    (the band's percentiles, linear interpolation, of the non-zero A_j)
    Q_i             mean of z_ij - mu_i over L_i ∩ Dset (0 when empty)
"""
import numpy as np


def q_scores(x, eps=4.0, band=(50.0, 95.0)):
    """Statistics in float64 of any float input: (mu, sigma) as columns, the L_i mask, Dset,
    |L_i ∩ Dset| and Q."""
    mu = x.mean(axis=1, dtype=np.float64, keepdims=True)
    sigma = x.std(axis=1, dtype=np.float64, keepdims=True)
    active = x > mu + eps * sigma
    frequency = active.mean(axis=0)
    nonzero = frequency[frequency > 0]
    if nonzero.size:
        low, high = np.percentile(nonzero, band)
        dset = (frequency > 0) & (frequency >= low) & (frequency <= high)
    else:
        dset = np.zeros(x.shape[1], dtype=bool)
    terms = active & dset[None, :]
    counts = terms.sum(axis=1)
    q = np.where(counts > 0, ((x - mu) * terms).sum(axis=1) / np.maximum(counts, 1), 0.0)
    return mu, sigma, active, dset, counts, q
