#!/bin/sh
# The images in docs/, made again from the real commands on the bundled Cao Bằng plan:
# the report's first page as HTML (headless Chromium) and as Word (LibreOffice, then
# pdftoppm), in both languages, and the two charts. Run from the repository's root:
#
#     sh tools/screenshots.sh
#
# Needs parplan installed with the charts extra, chromium, soffice (LibreOffice) and
# pdftoppm (poppler-utils). Times New Roman is stood in for by a font with its metrics and
# the Vietnamese letters (Debian: fonts-liberation2), so the tables wrap as in Word.
set -eu
out=docs
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for lang in vi en; do
  parplan report --lang "$lang" -o "$tmp/report.$lang.html" 2>/dev/null
  parplan report --lang "$lang" -o "$tmp/report.$lang.docx" 2>/dev/null
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --screenshot="$out/report-html-$lang.png" --window-size=1240,1754 "file://$tmp/report.$lang.html" \
    2>/dev/null
  soffice --headless --convert-to pdf --outdir "$tmp" "$tmp/report.$lang.docx" >/dev/null 2>&1
  pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$tmp/report.$lang.pdf" "$out/report-word-$lang"
done
parplan chart -o "$out/chart-par.png" 2>/dev/null
parplan chart --kind radar -o "$out/chart-papi-radar.png" 2>/dev/null
echo "wrote $out/report-html-vi.png $out/report-html-en.png $out/report-word-vi.png $out/report-word-en.png $out/chart-par.png $out/chart-papi-radar.png"
