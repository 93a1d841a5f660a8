#!/usr/bin/env bash
# The staff tool as staff run it: exit codes, messages and output of kiosk-snapshot on the demo snapshot and
# on broken inputs.  usage: kiosk_snapshot_test.sh KIOSK_SNAPSHOT DEMO_SNAPSHOT FIXTURE_DIR
set -u
tool=$1 demo=$2 fixture=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
# expect CODE DESCRIPTION -- COMMAND...: runs COMMAND, keeps stdout+stderr in $work/out, checks the exit code.
expect() {
  local code=$1 what=$2; shift 3
  "$@" >"$work/out" 2>&1
  local rc=$?
  if [ "$rc" -eq "$code" ]; then ok; else fail "$what: exit $rc, expected $code"; sed 's/^/    /' "$work/out" | head -20; fi
}
contains() { if grep -qE -- "$2" "$work/out"; then ok; else fail "$1: output lacks /$2/"; sed 's/^/    /' "$work/out" | head -20; fi; }
json_int() { sed -n "s/^ *\"$1\": \([0-9]*\),\{0,1\}$/\1/p" "$work/out"; }

# The demo snapshot: valid, and what inspect reports.
expect 0 "validate demo" -- "$tool" validate "$demo"
contains "validate demo" "valid"
expect 0 "inspect demo" -- "$tool" inspect "$demo" --json
[ "$(json_int exhibitors)" = 13 ] && ok || fail "inspect: exhibitors=$(json_int exhibitors), expected 13"
[ "$(json_int countries)" = 8 ] && ok || fail "inspect: countries=$(json_int countries), expected 8"
[ "$(json_int agreements)" -ge 4 ] && ok || fail "inspect: agreements=$(json_int agreements), expected >= 4"
[ "$(json_int sessions)" -ge 45 ] && ok || fail "inspect: sessions=$(json_int sessions), expected >= 45"
[ "$(json_int booths)" = 13 ] && ok || fail "inspect: booths=$(json_int booths), expected 13"
for key in schema_version content_version organizations images; do contains "inspect has $key" "\"$key\": [0-9]+"; done
contains "inspect languages" '"languages": \['

# Damaged copies fail validate with a reason.
size=$(stat -c %s "$demo")
head -c $((size / 2)) "$demo" >"$work/cut.snapshot"
expect 1 "validate truncated" -- "$tool" validate "$work/cut.snapshot"
contains "validate truncated" "truncated"
cp "$demo" "$work/flip.snapshot"
offset=$(grep -boa "Bilkent" "$demo" | head -1 | cut -d: -f1)
printf 'X' | dd of="$work/flip.snapshot" bs=1 seek="$offset" conv=notrunc status=none
expect 1 "validate flipped byte" -- "$tool" validate "$work/flip.snapshot"
contains "validate flipped byte" "checksum"
: >"$work/empty.snapshot"
expect 1 "validate empty" -- "$tool" validate "$work/empty.snapshot"
contains "validate empty" "empty"
head -c 20000 /dev/urandom >"$work/random.snapshot"
expect 1 "validate random" -- "$tool" validate "$work/random.snapshot"
contains "validate random" "not an SQLite database"

# Build: errors with file:line, nothing written; then a good build and a diff between the two versions.
cp -r "$fixture" "$work/src"
echo "ghost,booth-a1,technopark,0,0" >>"$work/src/exhibitors.csv"
expect 1 "build with a dangling exhibitor" -- "$tool" build "$work/src" -o "$work/new.snapshot"
contains "build error names file and line" "exhibitors.csv:4: error: organization: 'ghost' is not in organizations"
[ ! -e "$work/new.snapshot" ] && ok || fail "a failed build wrote $work/new.snapshot"
# --json (the kiosk's live preview reads it): the same problems on standard output as one JSON object.
"$tool" build "$work/src" -o "$work/new.snapshot" --json >"$work/out" 2>/dev/null
[ $? -eq 1 ] && ok || fail "build --json with a dangling exhibitor: not exit 1"
contains "build --json says nothing was written" '^\{"diagnostics":\[.*\],"written":false\}$'
contains "build --json names file, line and field" '"field":"organization","file":"exhibitors.csv","line":4,"message":"'"'"'ghost'"'"' is not in organizations'
cp "$fixture/exhibitors.csv" "$work/src/exhibitors.csv"
"$tool" build "$work/src" -o "$work/json.snapshot" --json >"$work/out" 2>/dev/null
[ $? -eq 0 ] && [ -s "$work/json.snapshot" ] && ok || fail "build --json of the fixture: not exit 0 with a snapshot"
contains "build --json of the fixture says written" '"written":true\}$'
expect 0 "build fixture v1" -- "$tool" build "$work/src" -o "$work/v1.snapshot" --content-version 1
sed -i 's/astana-hub,booth-a1/astana-hub,booth-a2/; s/bilisim-vadisi,booth-a2/bilisim-vadisi,booth-a1/' "$work/src/exhibitors.csv"
sed -i 's/<duration>00:45</<duration>01:15</' "$work/src/schedule.xml"
sed -i '/^mou-1,bilisim-vadisi/d' "$work/src/agreement_parties.csv"
expect 0 "build fixture v2" -- "$tool" build "$work/src" -o "$work/v2.snapshot" --content-version 2
expect 0 "diff v1 v2" -- "$tool" diff "$work/v1.snapshot" "$work/v2.snapshot"
contains "diff shows the moved booth" 'changed exhibitor astana-hub "Astana Hub"'
contains "diff shows the booth change" "booth: booth-a1 -> booth-a2"
contains "diff shows the longer session" "end: 2022-09-29T11:45:00\+06:00 -> 2022-09-29T12:15:00\+06:00"
contains "diff shows the party removed" "parties: astana-hub, bilisim-vadisi -> astana-hub$"
expect 0 "diff of a snapshot with itself" -- "$tool" diff "$work/v1.snapshot" "$work/v1.snapshot"
contains "no changes" "no changes"

# Glyphs: every character of the demo draws from the kiosk's fonts; a name with a character neither Noto Sans
# nor a fallback has (U+E000, private use) is a warning that names the string and the character, and the
# snapshot stays valid. A CJK ideograph (fonts-noto-cjk) is covered and not warned about.
expect 0 "validate demo" -- "$tool" validate "$demo"
if grep -q "no glyph" "$work/out"; then fail "the demo has characters without a glyph"; sed 's/^/    /' "$work/out" | head; else ok; fi
cp -r "$fixture" "$work/glyphs"
sed -i 's/^bilisim-vadisi,\(.*\),Bilişim Vadisi,,$/bilisim-vadisi,\1,Bilişim Vadisi 漢 \xee\x80\x80,,/' "$work/glyphs/organizations.csv"
expect 0 "build with a private-use character" -- "$tool" build "$work/glyphs" -o "$work/glyphs.snapshot"
contains "build warns about the glyph" "organization 'bilisim-vadisi' name_en: U\+E000 '.*' has no glyph"
expect 0 "validate with a private-use character" -- "$tool" validate "$work/glyphs.snapshot"
contains "validate warns about the glyph" "warning: organization 'bilisim-vadisi' name_en: U\+E000 '.*' has no glyph in the kiosk's fonts"
if grep -q "U+6F22" "$work/out"; then fail "the CJK ideograph is warned about (is fonts-noto-cjk installed?)"; else ok; fi
contains "still valid" "glyphs.snapshot: valid"

# Search: the kiosk's search from the command line; hostile queries are answered (exit 0), never an error.
expect 0 "search ast" -- "$tool" search "$demo" ast
contains "search ast finds Astana Hub first" "^  exhibitor astana-hub  Astana Hub"
expect 0 "search in Cyrillic" -- "$tool" search "$demo" "аст" --lang ru
contains "Cyrillic typing finds Astana Hub" "exhibitor astana-hub"
expect 0 "search --json" -- "$tool" search "$demo" kosgeb --json
contains "search --json" '"id": "kosgeb"'
expect 0 "search nothing" -- "$tool" search "$demo" zzzzqqq
contains "nothing found" "nothing found"
long=$(head -c 10000 /dev/zero | tr '\0' 'a')
for q in '"' "'" '*' '-' '^' ':' '(' ')' 'a AND' 'OR' 'NOT x' 'NEAR(a b)' 'name:x' '🚀' 'مرحبا' "$(printf '\x01\x02')" "$long" \
         '"unterminated' 'a" OR "b' '{name}:^x*'; do
  expect 0 "search hostile query ${q:0:20}" -- "$tool" search "$demo" "$q"
  if grep -qiE "error|sql|syntax" "$work/out"; then fail "search '${q:0:20}' printed an error"; sed 's/^/    /' "$work/out" | head -5; else ok; fi
done
expect 0 "synth" -- "$tool" synth -o "$work/synth.snapshot" --exhibitors 300 --sessions 120 --content-version 1
expect 0 "synth validates" -- "$tool" validate "$work/synth.snapshot"
expect 0 "inspect synth" -- "$tool" inspect "$work/synth.snapshot" --json
[ "$(json_int exhibitors)" = 300 ] && ok || fail "synth: exhibitors=$(json_int exhibitors), expected 300"
[ "$(json_int sessions)" = 120 ] && ok || fail "synth: sessions=$(json_int sessions), expected 120"

# Signatures: keygen, sign (which validates first), verify; and Debian's minisign both ways.
expect 0 "keygen" -- "$tool" keygen -p "$work/k.pub" -s "$work/k.key"
contains "keygen prints the public key line" "public key \(for the kiosks' configuration\): RW"
expect 1 "keygen does not overwrite a key" -- "$tool" keygen -p "$work/k.pub" -s "$work/k.key"
cp "$demo" "$work/signed.snapshot"
expect 0 "sign" -- "$tool" sign "$work/signed.snapshot" -s "$work/k.key"
contains "sign writes FILE.minisig" "wrote .*signed.snapshot.minisig .*content_version:"
expect 0 "verify" -- "$tool" verify "$work/signed.snapshot" -p "$work/k.pub"
contains "verify" "signature verified"
expect 1 "sign refuses a broken snapshot" -- "$tool" sign "$work/cut.snapshot" -s "$work/k.key"
contains "nothing signed" "NOT signed"
cp "$work/signed.snapshot" "$work/tampered.snapshot"
cp "$work/signed.snapshot.minisig" "$work/tampered.snapshot.minisig"
printf 'X' | dd of="$work/tampered.snapshot" bs=1 seek=$((size / 2)) conv=notrunc status=none
expect 1 "verify a tampered file" -- "$tool" verify "$work/tampered.snapshot" -p "$work/k.pub"
contains "verify says why" "does not match the file"
if command -v minisign >/dev/null; then
  expect 0 "minisign -V verifies kiosk-snapshot's signature" -- minisign -Vm "$work/signed.snapshot" -p "$work/k.pub"
  contains "minisign says verified" "Signature and comment signature verified"
  expect 0 "minisign keygen" -- minisign -G -W -p "$work/m.pub" -s "$work/m.key"
  cp "$demo" "$work/by-minisign.snapshot"
  expect 0 "minisign -S" -- minisign -S -s "$work/m.key" -m "$work/by-minisign.snapshot" -t "signed with minisign"
  expect 0 "kiosk-snapshot verifies minisign's signature" -- "$tool" verify "$work/by-minisign.snapshot" -p "$work/k.pub" -p "$work/m.pub"
  contains "minisign's trusted comment" "trusted comment: signed with minisign"
  expect 0 "kiosk-snapshot signs with a minisign secret key" -- "$tool" sign "$work/by-minisign.snapshot" -s "$work/m.key" -o "$work/x.minisig"
  expect 0 "and minisign verifies that" -- minisign -Vm "$work/by-minisign.snapshot" -p "$work/m.pub" -x "$work/x.minisig"
else
  fail "minisign is not installed (.ci/deps installs it)"
fi

# Bad sources and files that used to crash the tool (issue 12): each is refused with what and where.
cp -r "$fixture" "$work/bad"
echo ",Nameless,Nameless," >>"$work/bad/languages.csv"
expect 1 "build with an empty language code" -- "$tool" build "$work/bad" -o "$work/bad.snapshot"
contains "empty language code named" "languages.csv:4: error: code: is empty"
cp "$fixture/languages.csv" "$work/bad/languages.csv"
sed -i 's/\[\[\[2,2\],\[8,2\]/[[[2,2],[1e400,2]/' "$work/bad/floorplan.geojson"
expect 1 "build with 1e400 in the floor plan" -- "$tool" build "$work/bad" -o "$work/bad.snapshot"
contains "1e400 named with its line" "floorplan.geojson:7: error: the number 1e400 is too large"
cp "$fixture/floorplan.geojson" "$work/bad/floorplan.geojson"
mkdir -p "$work/bad/logos"
ln -s /etc/passwd "$work/bad/logos/hub.png"
expect 1 "build with a symbolic link in logos/" -- "$tool" build "$work/bad" -o "$work/bad.snapshot"
contains "symlink refused" "logos/hub.png: error: a symbolic link: sources must be ordinary files"
[ ! -e "$work/bad.snapshot" ] && ok || fail "a build with bad sources wrote a snapshot"
: >"$work/empty.pub"
printf 'R' >"$work/one.pub"
expect 2 "verify with an empty key file" -- "$tool" verify "$demo" -p "$work/empty.pub"
contains "empty key file" "empty.pub: no key in it: the file is empty"
expect 2 "verify with a one-byte key file" -- "$tool" verify "$demo" -p "$work/one.pub"
contains "one-byte key file" "one.pub: not a minisign public key"
expect 1 "sign with an empty secret key" -- "$tool" sign "$demo" -s "$work/empty.pub"
contains "empty secret key" "no key in it"
cp "$demo" "$work/nosig.snapshot"
: >"$work/nosig.snapshot.minisig"
expect 1 "verify an empty signature file" -- "$tool" verify "$work/nosig.snapshot" -p "$work/k.pub"
contains "empty signature" "the signature file is empty"
printf 'x' >"$work/nosig.snapshot.minisig"
expect 1 "verify a one-byte signature file" -- "$tool" verify "$work/nosig.snapshot" -p "$work/k.pub"
contains "one-byte signature" "not in minisign format"
# A snapshot holding text that is not UTF-8 (and a NUL): inspect --json reports it escaped; validate refuses it.
cp "$demo" "$work/bytes.snapshot"
sqlite3 "$work/bytes.snapshot" "UPDATE organization_i18n SET name = CAST(X'41FF42' AS TEXT) WHERE organization_id = 'astana-hub' AND lang = 'en'"
expect 0 "inspect --json on invalid UTF-8" -- "$tool" inspect "$work/bytes.snapshot" --json
contains "inspect reports the bad text escaped" '"text": "A\\\\xFFB"'
contains "inspect says where" '"id": "astana-hub"'
[ "$(json_int exhibitors)" = 13 ] && ok || fail "inspect of the bad snapshot: exhibitors=$(json_int exhibitors)"
expect 1 "validate refuses it" -- "$tool" validate "$work/bytes.snapshot"

# Wrong usage is exit 2.
expect 2 "no subcommand" -- "$tool"
expect 2 "unknown subcommand" -- "$tool" frobnicate

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
