"""The printed sheet's QR code as the build draws it (segno): payload, SVG, size limit, and that
the drawn symbol decodes (OpenCV) to the payload; the vendored JS encoder is the recorded file."""
import hashlib
import re

import cv2
import numpy as np
import pytest

from kyodo_kb.outputs.sheet_code import (MAX_MODULES, QUIET_ZONE, blank_payload, qr_matrix, qr_svg,
                                         render_sheet_code, sheet_address)
from support import ROOT

VENDOR = ROOT / "docs" / "assets" / "javascripts" / "vendor" / "qrcode-generator"


def _image(matrix):
    size = len(matrix) + 2 * QUIET_ZONE
    image = np.full((size, size), 255, dtype=np.uint8)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                image[y + QUIET_ZONE, x + QUIET_ZONE] = 0
    return image


def decode(matrix, pixels_per_module=4):
    """The symbol drawn as the SVG draws it (quiet zone included), read back by OpenCV."""
    size = len(matrix) + 2 * QUIET_ZONE
    image = cv2.resize(_image(matrix), (size * pixels_per_module,) * 2, interpolation=cv2.INTER_NEAREST)
    text, points, _ = cv2.QRCodeDetector().detectAndDecode(image)
    return text


def test_the_blank_payload_is_the_address_with_fingerprint_and_edition():
    assert sheet_address("checklists/kyotei/", "http://intranet/kyodo/") == "http://intranet/kyodo/checklists/kyotei/"
    assert sheet_address("checklists/kyotei/", None) == "checklists/kyotei/"
    assert (blank_payload("http://intranet/kyodo/checklists/kyotei/", "8179f6f23302", "1.0")
            == "http://intranet/kyodo/checklists/kyotei/#v=8179f6f23302&e=1.0")
    assert blank_payload("checklists/x/", "abc", None) == "checklists/x/#v=abc"
    assert blank_payload("a/", "abc", "第2版 改") == "a/#v=abc&e=%E7%AC%AC2%E7%89%88%20%E6%94%B9"


def test_the_drawn_symbol_decodes_to_its_payload():
    payload = "http://intranet.example/kyodo/checklists/keitai-betsu/#answers=KB-01:yes,KB-02:no&v=0123456789ab&e=1.0"
    matrix = qr_matrix(payload)
    assert len(matrix) <= MAX_MODULES
    assert decode(matrix) == payload


def test_the_svg_has_a_quiet_zone_of_four_modules_and_one_path():
    matrix = qr_matrix("http://intranet/kyodo/checklists/kyotei/#v=8179f6f23302&e=1.0")
    svg = qr_svg(matrix)
    size = len(matrix) + 8
    assert f'viewBox="0 0 {size} {size}"' in svg
    assert f'data-modules="{len(matrix)}"' in svg
    runs = re.findall(r"M(\d+) (\d+)h(\d+)", svg)
    assert min(int(x) for x, _, _ in runs) == QUIET_ZONE and min(int(y) for _, y, _ in runs) == QUIET_ZONE
    assert max(int(x) + int(w) for x, _, w in runs) == size - QUIET_ZONE
    dark = sum(int(w) for _, _, w in runs)
    assert dark == sum(cell for row in matrix for cell in row)


def test_the_block_says_edition_date_and_fingerprint_and_keeps_the_public_address():
    block = render_sheet_code("checklists/kyotei/", "http://intranet/kyodo/", "8179f6f23302", "1.0", "令和8年11月27日")
    assert '<p class="kb-sheet-edition">1.0版（令和8年11月27日）</p>' in block
    assert '内容の指紋 <span class="kb-fingerprint">8179f6f23302</span>' in block
    assert 'data-kb-address="http://intranet/kyodo/checklists/kyotei/"' in block
    assert 'data-kb-payload="http://intranet/kyodo/checklists/kyotei/#v=8179f6f23302&amp;e=1.0"' in block
    without = render_sheet_code("checklists/kyotei/", None, "8179f6f23302", None, None)
    assert 'data-kb-address=""' in without and "版の記録なし" in without


def test_a_payload_beyond_the_printable_size_is_larger_than_the_limit():
    # What sheet_code.js refuses to draw (it leaves the notes out, then the answers): segno agrees
    # that 400 bytes need more than version 14.
    assert len(qr_matrix("h" * 362)) <= MAX_MODULES
    assert len(qr_matrix("h" * 363)) > MAX_MODULES


def test_the_vendored_encoder_is_the_recorded_file():
    readme = (VENDOR / "README.txt").read_text(encoding="utf-8")
    recorded = re.search(r"sha256 of qrcode.js \| `([0-9a-f]{64})`", readme).group(1)
    assert hashlib.sha256((VENDOR / "qrcode.js").read_bytes()).hexdigest() == recorded
    assert "MIT" in (VENDOR / "LICENSE").read_text(encoding="utf-8")
    assert "| version | 2.0.4 |" in readme


def test_opencv_s_classic_detector_misses_a_perfect_version_13_symbol_that_aruco_reads():
    """Why the PDF tests read with QRCodeDetectorAruco when QRCodeDetector finds nothing: the
    classic one fails on this perfectly drawn symbol at 5 pixels a module (and reads it at 4)."""
    payload = ("http://127.0.0.1:45129/kyodo-kb/checklists/kyotei/#answers=KT-01:yes,KT-02:no,KT-03:na&notes=KT-02:"
               "%E5%8D%94%E5%AE%9A%E6%9B%B8%E3%81%AE%E6%A1%88%E3%82%9212%E6%9C%88%E3%81%AB%E9%80%81%E3%82%8B:"
               "2026-12-10:%E5%B8%82%E6%B0%91%E5%8D%94%E5%83%8D%E8%AA%B2%20%E7%94%B0%E4%B8%AD"
               "&at=2026-12-01T07:10&v=8179f6f23302&e=1.0")
    matrix = qr_matrix(payload)
    assert len(matrix) == 69
    assert decode(matrix, 4) == payload
    size = (len(matrix) + 8) * 5
    image = cv2.resize(_image(matrix), (size, size), interpolation=cv2.INTER_NEAREST)
    assert cv2.QRCodeDetector().detectAndDecode(image)[0] == ""
    assert cv2.QRCodeDetectorAruco().detectAndDecode(image)[0] == payload
