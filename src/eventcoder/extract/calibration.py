"""Map raw extractor scores to calibrated probabilities.

``calibration.json`` (written by ``eventcoder eval events --corpus case2021 --calibrate``)
holds isotonic blocks of raw score with the observed precision on the CASE 2021 dev split
(``mode: step``: a score gets the precision of the first block whose upper raw score it does
not exceed; ``linear`` interpolates between points). Without the file the raw score is used.
"""

from __future__ import annotations

import json
from pathlib import Path


class Calibrator:
    """Piecewise-linear map from raw score to calibrated confidence."""

    def __init__(self, xs: list[float] | None = None, ys: list[float] | None = None,
                 mode: str = "linear") -> None:
        self.xs = xs or []
        self.ys = ys or []
        self.mode = mode

    @classmethod
    def load(cls, path: Path) -> Calibrator:
        """Load a calibration table; a missing file gives the identity map."""
        if not path.exists():
            return cls()
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls([float(x) for x in data["x"]], [float(y) for y in data["y"]],
                   data.get("mode", "linear"))

    def __call__(self, score: float, kind: str = "") -> float:
        """The calibrated confidence of a raw ``score`` in [0, 1]."""
        s = min(max(score, 0.0), 1.0)
        xs, ys = self.xs, self.ys
        if not xs:
            return round(s, 3)
        if self.mode == "step":  # xs are the upper raw scores of isotonic blocks
            for x, y in zip(xs, ys, strict=True):
                if s <= x:
                    return round(y, 3)
            return round(ys[-1], 3)
        if s <= xs[0]:
            return round(ys[0], 3)
        for (x0, y0), (x1, y1) in zip(zip(xs, ys, strict=True), zip(xs[1:], ys[1:], strict=True),
                                      strict=False):
            if s <= x1:
                return round(y0 + (y1 - y0) * (s - x0) / (x1 - x0 or 1.0), 3)
        return round(ys[-1], 3)
