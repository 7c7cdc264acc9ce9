#!/usr/bin/env bash
# Regenerates the Compile list of every device .projitems from the .cs files on disk.
# The .nfproj device projects cannot glob, so these lists are the single record of what the device image contains;
# the desktop build fails (CheckDeviceSourceList) when a list is out of date.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)

# projitems file | folder | folders (relative to it, space-separated) that are not in this list's assembly
lists=(
  "hal/Hal.projitems|hal|Fakes"
  "protocol/Protocol.projitems|protocol|"
  "firmware/Firmware.projitems|firmware|Native/desktop Native/Managed"
  "boards/esp32-common/Esp32Common.projitems|boards/esp32-common|"
  "tests/OnDevice/OnDeviceTests.projitems|tests/OnDevice|"
  "tests/Interpreter/Interpreter.projitems|tests/Interpreter|"
)

for entry in "${lists[@]}"; do
  IFS='|' read -r file dir excl <<<"$entry"
  [ -f "$root/$file" ] || continue
  skip=()
  for e in $excl; do skip+=(-not -path "./$e/*"); done
  tmp=$(mktemp)
  {
    sed -n '1,/<!-- BEGIN device sources/p' "$root/$file"
    (cd "$root/$dir" && find . -name '*.cs' -not -path '*/bin/*' -not -path '*/obj/*' \
        "${skip[@]}" | sed 's|^\./||' | LC_ALL=C sort) |
      while read -r f; do
        printf '    <Compile Include="$(MSBuildThisFileDirectory)%s" />\n' "$f"
      done
    sed -n '/<!-- END device sources/,$p' "$root/$file"
  } >"$tmp"
  if ! cmp -s "$tmp" "$root/$file"; then mv "$tmp" "$root/$file"; echo "updated $file"; else rm "$tmp"; fi
done
