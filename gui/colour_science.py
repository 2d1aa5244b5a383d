"""The colour arithmetic the themes are checked with: contrast, colour difference, colour blindness.

numpy only (no Qt), so the palettes in :mod:`gui.palettes` can be checked without a display.
Colours are ``'#rrggbb'`` strings or float arrays (..., 3) of sRGB in 0..1.

Sources of the formulas:

* sRGB and its linearisation, relative luminance and contrast ratio: WCAG 2.2, "relative
  luminance" and "contrast ratio" (https://www.w3.org/TR/WCAG22/#dfn-relative-luminance);
  WCAG keeps the threshold 0.03928 of the sRGB draft, IEC 61966-2-1 has 0.04045 (no 8-bit
  value lies between the two, so both give the same numbers).
  L = 0.2126 R + 0.7152 G + 0.0722 B over linear R, G, B; ratio = (L1 + 0.05) / (L2 + 0.05).
* CIELAB: CIE 15:2004, with the D65 white of sRGB (X, Y, Z) = (0.95047, 1, 1.08883) and the
  sRGB-to-XYZ matrix of IEC 61966-2-1.
* CIEDE2000: G. Sharma, W. Wu, E. N. Dalal, "The CIEDE2000 color-difference formula:
  implementation notes, supplementary test data, and mathematical observations", Color
  Research & Application 30(1), 21-30, 2005, equations (1)-(22), k_L = k_C = k_H = 1.
* Colour-vision deficiency: G. M. Machado, M. M. Oliveira, L. A. F. Fernandes, "A
  physiologically-based model for simulation of color vision deficiency", IEEE TVCG 15(6),
  1291-1298, 2009; the matrices for severity 1.0 (dichromacy) from the paper's
  supplementary table, applied to *linear* RGB.
"""
from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Colour = str | NDArray[np.float64]

# Machado et al. 2009, severity 1.0: linear RGB -> linear RGB as seen by a dichromat.
MACHADO: dict[str, NDArray[np.float64]] = {
    "protanopia": np.array([[0.152286, 1.052583, -0.204868],
                            [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968],
                              [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "tritanopia": np.array([[1.255528, -0.076749, -0.178779],
                            [-0.078411, 0.930809, 0.147602],
                            [0.004733, 0.691367, 0.303900]]),
}

# IEC 61966-2-1: linear sRGB -> CIE XYZ (D65)
_SRGB_TO_XYZ = np.array([[0.4124564, 0.3575761, 0.1804375],
                         [0.2126729, 0.7151522, 0.0721750],
                         [0.0193339, 0.1191920, 0.9503041]])
_D65 = np.array([0.95047, 1.0, 1.08883])


def rgb(colour: Colour) -> NDArray[np.float64]:
    """'#rrggbb' (or '#rgb') -> float array (3,) in 0..1; an array passes through as floats."""
    if not isinstance(colour, str):
        return np.asarray(colour, dtype=np.float64)
    text = colour.lstrip("#")
    if len(text) == 3:
        text = "".join(ch * 2 for ch in text)
    if len(text) != 6:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    return np.array([int(text[i:i + 2], 16) for i in (0, 2, 4)], dtype=np.float64) / 255.0


def to_hex(colour: Colour) -> str:
    """float sRGB (3,) in 0..1 (clipped) -> '#rrggbb'."""
    values = np.clip(np.rint(rgb(colour) * 255.0), 0, 255).astype(int)
    return "#" + "".join(f"{v:02x}" for v in values)


def to_linear(srgb: NDArray[np.float64]) -> NDArray[np.float64]:
    """sRGB (gamma-encoded, 0..1) -> linear light."""
    srgb = np.asarray(srgb, dtype=np.float64)
    return np.where(srgb <= 0.03928, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)


def from_linear(linear: NDArray[np.float64]) -> NDArray[np.float64]:
    """Linear light -> sRGB (gamma-encoded), clipped to 0..1."""
    linear = np.clip(np.asarray(linear, dtype=np.float64), 0.0, 1.0)
    return np.where(linear <= 0.0031308, linear * 12.92, 1.055 * linear ** (1 / 2.4) - 0.055)


def relative_luminance(colour: Colour) -> float:
    """WCAG relative luminance: 0 for black, 1 for white."""
    return float(to_linear(rgb(colour)) @ np.array([0.2126, 0.7152, 0.0722]))


def contrast_ratio(a: Colour, b: Colour) -> float:
    """WCAG contrast ratio (L_lighter + 0.05) / (L_darker + 0.05): 1 (same) to 21 (black on white).

    AA asks 4.5 for normal text, 3 for large text and for the parts of a control.
    """
    la, lb = relative_luminance(a), relative_luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def readable_on(background: Colour) -> str:
    """Black or white, whichever contrasts more with ``background`` (text on a coloured cell)."""
    return "#000000" if contrast_ratio("#000000", background) >= contrast_ratio("#ffffff", background) else "#ffffff"


def blend(background: Colour, colour: Colour, alpha: float) -> NDArray[np.float64]:
    """``colour`` painted with opacity ``alpha`` over ``background`` (in sRGB values, as Qt does)."""
    bg = rgb(background)
    return bg + (rgb(colour) - bg) * alpha


def simulate(colour: Colour, deficiency: str) -> NDArray[np.float64]:
    """The sRGB colour a dichromat sees (Machado et al. 2009, severity 1): linearise, apply the
    matrix, clip, encode again.  ``deficiency``: protanopia, deuteranopia or tritanopia."""
    linear = to_linear(rgb(colour))
    return from_linear(linear @ MACHADO[deficiency].T)


def lab(colour: Colour) -> NDArray[np.float64]:
    """CIELAB (L*, a*, b*) of sRGB colours (..., 3), D65 white."""
    xyz = to_linear(rgb(colour)) @ _SRGB_TO_XYZ.T / _D65
    eps, kappa = 216 / 24389, 24389 / 27
    f = np.where(xyz > eps, np.cbrt(xyz), (kappa * xyz + 16) / 116)
    return np.stack([116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])], axis=-1)


def ciede2000(lab1: NDArray[np.float64], lab2: NDArray[np.float64]) -> NDArray[np.float64]:
    """The CIEDE2000 colour difference ΔE00 between CIELAB colours (..., 3) (Sharma et al. 2005).

    About 1 is the smallest difference seen between large patches side by side.
    """
    lab1, lab2 = np.asarray(lab1, dtype=np.float64), np.asarray(lab2, dtype=np.float64)
    L1, a1, b1 = lab1[..., 0], lab1[..., 1], lab1[..., 2]
    L2, a2, b2 = lab2[..., 0], lab2[..., 1], lab2[..., 2]
    c_bar = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_bar ** 7 / (c_bar ** 7 + 25.0 ** 7)))            # (3)
    a1p, a2p = (1 + g) * a1, (1 + g) * a2                                       # (4)
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)                             # (5)
    h1p = np.where((a1p == 0) & (b1 == 0), 0.0, np.degrees(np.arctan2(b1, a1p)) % 360)   # (6)
    h2p = np.where((a2p == 0) & (b2 == 0), 0.0, np.degrees(np.arctan2(b2, a2p)) % 360)
    dLp, dCp = L2 - L1, c2p - c1p                                               # (8), (9)
    dh = h2p - h1p                                                              # (10)
    dh = np.where(c1p * c2p == 0, 0.0, np.where(dh > 180, dh - 360, np.where(dh < -180, dh + 360, dh)))
    dHp = 2 * np.sqrt(c1p * c2p) * np.sin(np.radians(dh / 2))                   # (11)
    Lbp, Cbp = (L1 + L2) / 2, (c1p + c2p) / 2                                   # (12), (13)
    hsum = h1p + h2p                                                            # (14)
    hbp = np.where(c1p * c2p == 0, hsum,
                   np.where(np.abs(h1p - h2p) <= 180, hsum / 2,
                            np.where(hsum < 360, (hsum + 360) / 2, (hsum - 360) / 2)))
    t = (1 - 0.17 * np.cos(np.radians(hbp - 30)) + 0.24 * np.cos(np.radians(2 * hbp))
         + 0.32 * np.cos(np.radians(3 * hbp + 6)) - 0.20 * np.cos(np.radians(4 * hbp - 63)))   # (15)
    d_theta = 30 * np.exp(-(((hbp - 275) / 25) ** 2))                           # (16)
    rc = 2 * np.sqrt(Cbp ** 7 / (Cbp ** 7 + 25.0 ** 7))                         # (17)
    sl = 1 + 0.015 * (Lbp - 50) ** 2 / np.sqrt(20 + (Lbp - 50) ** 2)            # (18)
    sc = 1 + 0.045 * Cbp                                                        # (19)
    sh = 1 + 0.015 * Cbp * t                                                    # (20)
    rt = -np.sin(np.radians(2 * d_theta)) * rc                                  # (21)
    return np.sqrt((dLp / sl) ** 2 + (dCp / sc) ** 2 + (dHp / sh) ** 2 + rt * (dCp / sc) * (dHp / sh))   # (22)


def difference(a: Colour, b: Colour, deficiency: str | None = None) -> float:
    """ΔE00 between two sRGB colours, as seen with normal vision or with ``deficiency``."""
    if deficiency is not None:
        a, b = simulate(a, deficiency), simulate(b, deficiency)
    return float(ciede2000(lab(a), lab(b)))


def lightness(colours: NDArray[np.float64]) -> NDArray[np.float64]:
    """CIELAB L* (0 black .. 100 white) of sRGB colours (..., 3): how a colour map reads in grey."""
    return lab(colours)[..., 0]
