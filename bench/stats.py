"""Summaries of repeated measurements."""

import collections
import statistics

# The median of a figure's runs, with their range and count.
Summary = collections.namedtuple("Summary", "median min max n")


def summarize(values):
    """The Summary of the values that are not None, or None when there are none."""
    vals = [v for v in values if v is not None]
    if not vals:
        return None
    return Summary(statistics.median(vals), min(vals), max(vals), len(vals))


def single(value, n=1):
    """A figure measured once (or derived from n samples, like a percentile) as a Summary."""
    return Summary(value, value, value, n) if value is not None else None


def percentile(values, q):
    """The q-quantile (0..1) of values, interpolated between the two nearest; None for no values."""
    vals = sorted(values)
    if not vals:
        return None
    k = (len(vals) - 1) * q
    lo = int(k)
    hi = min(lo + 1, len(vals) - 1)
    return vals[lo] + (vals[hi] - vals[lo]) * (k - lo)
