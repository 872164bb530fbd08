#!/bin/sh
# Browser tests need Debian's Chromium and Japanese fonts (BIZ UDPGothic, Noto Sans CJK); the PDF tests read text with
# pdftotext and render PDF pages for the QR decode test with pdftoppm (poppler-utils). Install them when we can (root),
# otherwise stop with the exact command to run. Never skip silently.
set -eu
missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
if ! fc-list 2>/dev/null | grep -q "Noto Sans CJK"; then
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing="$missing fonts-noto-cjk"
fi
# BIZ UDPGothic: the site's first font on screen and paper (kb.css); its PDFs keep a clean text layer.
fc-list 2>/dev/null | grep -q "BIZ UDPGothic" || missing="$missing fonts-morisawa-bizud-gothic"
{ command -v pdftotext && command -v pdftoppm; } >/dev/null 2>&1 || missing="$missing poppler-utils"
[ -n "$missing" ] || exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "システムパッケージを導入します:$missing"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  exit 0
fi
echo "ブラウザテストに必要なパッケージがありません:$missing" >&2
echo "次のコマンドで導入してから、もう一度 make test を実行してください:" >&2
echo "  sudo apt-get update && sudo apt-get install -y$missing" >&2
exit 1
