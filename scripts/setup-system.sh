#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages shuchi needs, when they are missing.
# site: Japanese fonts (BIZ UD明朝/ゴシック, Noto CJK fallback) and HarfBuzz's subsetter,
#       without which WeasyPrint subsets fonts six times slower.
#       Cairo, with which CairoSVG draws the logo of the Word letters.
# test: also Chromium (browser tests), poppler-utils (pdftotext/pdftoppm/pdfinfo), LibreOffice Writer
#       (headless, turns the Word letters into PDF to read them back) and mpack (munpack, an
#       independent MIME client that unpacks the merge's e-mails).
set -euo pipefail
packages=(fonts-morisawa-bizud-mincho fonts-morisawa-bizud-gothic fonts-noto-cjk libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 libcairo2)
if [ "${1:-site}" = test ]; then
  packages+=(chromium poppler-utils libreoffice-writer-nogui mpack)
fi
python3 -c "import ensurepip, venv" 2>/dev/null || packages+=(python3-venv)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "shuchi: missing system packages: ${missing[*]}" >&2
  echo "        install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "shuchi: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fc-cache -f >/dev/null 2>&1 || true
