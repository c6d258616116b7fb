#!/usr/bin/env bash
# Consumer test: installs the packed ToRouter.Analyzers package into a realistic application and checks what a
# user gets from the real clients: dotnet build (warnings, help links, -warnaserror, .editorconfig, SARIF),
# dotnet format analyzers and the Roslynator CLI (the package's code fixes).
#
# Usage: tests/Consumer/run.sh [results-log]    (default: artifacts/consumer-results.log)
# Needs: artifacts/packages/ToRouter.Analyzers.<version>.nupkg (dotnet pack ToRouter.Analyzers.sln -c Release -o artifacts/packages).
# Prints one "PASS <name>" or "FAIL <name>" line per check and appends the same line to the results log.
# Exits non-zero if any check failed. KEEP_SCRATCH=1 keeps the scratch folder for inspection.
set -uo pipefail # not -e: every check runs and reports, whatever the ones before it did

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
log="${1:-$repo/artifacts/consumer-results.log}"
mkdir -p "$(dirname "$log")"
log="$(cd "$(dirname "$log")" && pwd)/$(basename "$log")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_UI_LANGUAGE=en NUGET_XMLDOC_MODE=skip
ROSLYNATOR_VERSION="${ROSLYNATOR_VERSION:-1.0.1}"

# Every rule, for the fixers; the ones the consumer's code must trigger, by how they show in a build.
ALL_RULES=(TR0001 TR0002 TR0003 TR0004 TR0005 TR0006 TR0007 TR0008)
EXPECTED_WARNINGS=(TR0001 TR0002 TR0003 TR0004 TR0005 TR0007 TR0008)
EXPECTED_INFO=TR0006

failures=0
pass() { echo "PASS $1"; echo "PASS $1" >>"$log"; }
fail() {
  local name="$1"; shift
  local reason
  for reason in "$@"; do echo "  $name: $reason"; done
  echo "FAIL $name"; echo "FAIL $name" >>"$log"
  failures=$((failures + 1))
}
# check NAME REASON... : PASS when no reason is given, FAIL with the reasons otherwise.
check() { local name="$1"; shift; if [ $# -eq 0 ]; then pass "$name"; else fail "$name" "$@"; fi; }
phase() { echo; echo "== consumer: $* ($(date +%T))"; }

scratch="$(mktemp -d "${TMPDIR:-/tmp}/torouter-consumer.XXXXXX")"
cleanup() { if [ "${KEEP_SCRATCH:-0}" = 1 ] || [ "$failures" -gt 0 ]; then echo "scratch kept: $scratch"; else rm -rf "$scratch"; fi; }
trap cleanup EXIT

# ---------------------------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------------------------

# The checksums of the consumer's sources (what a fixer may change).
sources_sum() { (cd "$1" && find . -name '*.cs' -not -path './obj/*' -not -path './bin/*' -print0 | sort -z | xargs -0 sha256sum); }

# Unique "file(line,col): warning TRxxxx" diagnostics of a build log (MSBuild repeats them in its summary).
tr_lines() { grep -E ": (warning|error) TR[0-9]{4}:" "$1" | sed -E 's/ \[[^]]*\]$//' | sort -u; }
tr_ids() { grep -oE ": (warning|error) TR[0-9]{4}:" "$1" | grep -oE 'TR[0-9]{4}' | sort -u; }
other_warnings() { grep -E ": warning [A-Z]+[0-9]+:" "$1" | grep -vE ": warning TR[0-9]{4}:" | sed -E 's/ \[[^]]*\]$//' | sort -u; }

# Reads a SARIF log (v1 or v2.1, as written by -p:ErrorLog) and prints "RESULT <ruleId> <level>" per result and
# "RULE <id> <helpUri>" per rule descriptor.
sarif_dump() {
  python3 - "$1" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8-sig") as f:
    log = json.load(f)
for run in log.get("runs", []):
    rules = run.get("rules")  # SARIF 1.0: a dictionary by id
    if rules is None:         # SARIF 2.1: a list under tool.driver
        rules = {r.get("id"): r for r in run.get("tool", {}).get("driver", {}).get("rules", [])}
    for rid, rule in rules.items():
        print("RULE", rule.get("id") or rid, rule.get("helpUri") or "-")
    for result in run.get("results", []):
        print("RESULT", result.get("ruleId"), result.get("level", "warning"))
PY
}
sarif_tr_results() { sarif_dump "$1" 2>/dev/null | awk '$1 == "RESULT" && $2 ~ /^TR[0-9][0-9][0-9][0-9]$/'; }

# The entries of a zip file, and one entry's content (unzip, or Python where unzip is not installed).
zip_list() {
  if command -v unzip >/dev/null; then unzip -Z1 "$1"; else python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$1"; fi
}
zip_cat() {
  if command -v unzip >/dev/null; then unzip -p "$1" "$2"; else python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode("utf-8-sig"))' "$1" "$2"; fi
}

# Copies the consumer into $1, pointing its NuGet.config at this repository's artifacts and its package
# reference at the packed version.
make_copy() {
  local dest="$1"
  mkdir -p "$dest"
  (cd "$here" && tar --exclude=./bin --exclude=./obj --exclude=./run.sh --exclude='*.sarif' --exclude='*.binlog' -cf - .) | (cd "$dest" && tar -xf -)
  sed -i -e "s|value=\"\.\./\.\./artifacts/|value=\"$repo/artifacts/|g" "$dest/NuGet.config"
  sed -i -e "s|<ToRouterAnalyzersVersion>[^<]*</ToRouterAnalyzersVersion>|<ToRouterAnalyzersVersion>$version</ToRouterAnalyzersVersion>|" "$dest/Directory.Build.props"
}

# build DIR NAME [extra args...]: a full (non-incremental) build with a SARIF log; output in DIR/NAME.log and
# DIR/NAME.sarif; returns dotnet's exit code.
build() {
  local dir="$1" name="$2"; shift 2
  rm -f "$dir/$name.sarif"
  dotnet build "$dir/Consumer.csproj" --no-incremental --no-restore -nologo -v:minimal -p:ErrorLog="$dir/$name.sarif" "$@" >"$dir/$name.log" 2>&1
}

restore() { dotnet restore "$1/Consumer.csproj" -nologo -v:minimal >"$1/restore.log" 2>&1; }

# ---------------------------------------------------------------------------------------------------------------
phase "package"
# ---------------------------------------------------------------------------------------------------------------
shopt -s nullglob
packages=()
for p in "$repo"/artifacts/packages/ToRouter.Analyzers.*.nupkg; do
  v="$(basename "$p" .nupkg)"; v="${v#ToRouter.Analyzers.}"
  [[ "$v" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]+)?$ ]] && packages+=("$p")
done
shopt -u nullglob

if [ "${#packages[@]}" -eq 0 ]; then
  fail package-found "no artifacts/packages/ToRouter.Analyzers.<version>.nupkg; run: dotnet pack ToRouter.Analyzers.sln -c Release -o artifacts/packages"
  for name in package-layout package-metadata consumer-restore package-restored-from-local-feed build-reports-tr-warnings \
    build-warnings-have-help-links sarif-tr0006-note warnaserror-fails-build editorconfig-none-silences-tr0001 \
    format-verify-detects-fixable format-changes-files format-result-builds-clean format-verify-no-changes \
    roslynator-installed roslynator-fix-changes-files roslynator-result-builds-clean; do
    fail "$name" "no package"
  done
  exit 1
fi
nupkg="$(ls -t "${packages[@]}" | head -n 1)"
version="$(basename "$nupkg" .nupkg)"; version="${version#ToRouter.Analyzers.}"
echo "package: $nupkg (version $version)"
if [ "${#packages[@]}" -eq 1 ]; then pass package-found; else fail package-found "expected exactly one package, found: ${packages[*]##*/}"; fi

# Layout: the two assemblies under analyzers/dotnet/cs, nothing a project would compile against or run.
listing="$(zip_list "$nupkg" 2>/dev/null)"
reasons=()
for dll in analyzers/dotnet/cs/ToRouter.Analyzers.dll analyzers/dotnet/cs/ToRouter.Analyzers.CodeFixes.dll README.md; do
  grep -qxF "$dll" <<<"$listing" || reasons+=("missing $dll")
done
bad="$(grep -E '^(lib|ref|runtimes|tools|build|buildTransitive|content|contentFiles)/' <<<"$listing" | tr '\n' ' ')"
[ -z "$bad" ] || reasons+=("unexpected entries: $bad")
stray="$(grep -E '^analyzers/' <<<"$listing" | grep -vE '^analyzers/dotnet/cs/([A-Za-z-]+/)?ToRouter\.Analyzers(\.CodeFixes)?(\.resources)?\.dll$' | tr '\n' ' ')"
[ -z "$stray" ] || reasons+=("unexpected analyzer entries: $stray")
echo "$listing" | sed 's/^/  /'
check package-layout "${reasons[@]}"

nuspec="$(zip_cat "$nupkg" ToRouter.Analyzers.nuspec 2>/dev/null)"
reasons=()
grep -q '<id>ToRouter.Analyzers</id>' <<<"$nuspec" || reasons+=("id is not ToRouter.Analyzers")
grep -q "<version>$version</version>" <<<"$nuspec" || reasons+=("nuspec version differs from the file name")
grep -q '<developmentDependency>true</developmentDependency>' <<<"$nuspec" || reasons+=("not a developmentDependency")
grep -q '<dependency ' <<<"$nuspec" && reasons+=("has package dependencies")
grep -q '<license type="expression">MIT</license>' <<<"$nuspec" || reasons+=("license expression is not MIT")
grep -q '<readme>README.md</readme>' <<<"$nuspec" || reasons+=("no readme")
for element in description tags projectUrl releaseNotes; do
  grep -q "<$element>" <<<"$nuspec" || reasons+=("no <$element>")
done
check package-metadata "${reasons[@]}"

# A private package folder, without the package, so that a repack of the same version is picked up.
packages_folder="$repo/artifacts/consumer-packages"
rm -rf "$packages_folder/torouter.analyzers"

# ---------------------------------------------------------------------------------------------------------------
phase "dotnet build"
# ---------------------------------------------------------------------------------------------------------------
A="$scratch/build"
make_copy "$A"
if restore "$A"; then pass consumer-restore; else fail consumer-restore "$(tail -n 20 "$A/restore.log")"; fi

reasons=()
restored="$packages_folder/torouter.analyzers/$version/torouter.analyzers.$version.nupkg.sha512"
if [ -f "$restored" ]; then
  expected_sha="$(python3 -c 'import base64,hashlib,sys; print(base64.b64encode(hashlib.sha512(open(sys.argv[1],"rb").read()).digest()).decode())' "$nupkg")"
  [ "$(tr -d '\r\n' <"$restored")" = "$expected_sha" ] || reasons+=("the restored package is not the packed one")
else
  reasons+=("$restored not found: the package was not restored from the local feed")
fi
check package-restored-from-local-feed "${reasons[@]}"

build "$A" baseline; rc=$?
mapfile -t ids < <(tr_ids "$A/baseline.log")
echo "build rc=$rc; $(tr_lines "$A/baseline.log" | wc -l) unique TR diagnostics: ${ids[*]:-none}"
tr_lines "$A/baseline.log" | sed 's/^/  /'
baseline_other="$(other_warnings "$A/baseline.log")"
[ -z "$baseline_other" ] || { echo "other warnings:"; echo "$baseline_other" | sed 's/^/  /'; }
reasons=()
[ "$rc" -eq 0 ] || reasons+=("dotnet build failed (rc $rc): $(grep -E ': error ' "$A/baseline.log" | sort -u | head -n 5)")
[ "$(tr_lines "$A/baseline.log" | wc -l)" -gt 0 ] || reasons+=("no TR warnings")
for id in "${EXPECTED_WARNINGS[@]}"; do
  grep -qE ": warning $id:" "$A/baseline.log" || reasons+=("expected warning $id not reported")
done
check build-reports-tr-warnings "${reasons[@]}"

reasons=()
if [ ! -s "$A/baseline.sarif" ]; then
  reasons+=("no SARIF log written")
elif ! sarif="$(sarif_dump "$A/baseline.sarif")"; then
  reasons+=("SARIF log does not parse")
else
  [ "${#ids[@]}" -gt 0 ] || reasons+=("no TR warnings to check")
  for id in "${ids[@]}"; do
    uri="$(awk -v id="$id" '$1 == "RULE" && $2 == id { print $3; exit }' <<<"$sarif")"
    case "$uri" in
      http://*/docs/rules/"$id".md | https://*/docs/rules/"$id".md) echo "  $id -> $uri" ;;
      *) reasons+=("$id has no help link to docs/rules/$id.md (helpUri: ${uri:-none})") ;;
    esac
  done
fi
check build-warnings-have-help-links "${reasons[@]}"

reasons=()
if [ -s "$A/baseline.sarif" ]; then
  sarif_tr_results "$A/baseline.sarif" | awk '{print "  " $2 " " $3}' | sort | uniq -c
  sarif_tr_results "$A/baseline.sarif" | grep -qx "RESULT $EXPECTED_INFO note" || reasons+=("no $EXPECTED_INFO result with level note in the SARIF log")
  grep -qE '"level": ?"note"' "$A/baseline.sarif" || reasons+=("no \"level\": \"note\" in the SARIF log")
  grep -qE ": warning $EXPECTED_INFO:" "$A/baseline.log" && reasons+=("$EXPECTED_INFO shows as a warning; its default severity is Info")
else
  reasons+=("no SARIF log written")
fi
check sarif-tr0006-note "${reasons[@]}"

build "$A" warnaserror -warnaserror; rc=$?
reasons=()
[ "$rc" -ne 0 ] || reasons+=("dotnet build -warnaserror returned 0")
grep -qE ": error TR[0-9]{4}:" "$A/warnaserror.log" || reasons+=("no 'error TR' diagnostic in the output")
echo "build -warnaserror rc=$rc; $(grep -E ': error TR[0-9]{4}:' "$A/warnaserror.log" | sed -E 's/ \[[^]]*\]$//' | sort -u | wc -l) unique TR errors"
check warnaserror-fails-build "${reasons[@]}"

printf 'root = true\n\n[*.cs]\ndotnet_diagnostic.TR0001.severity = none\n' >"$A/.editorconfig"
build "$A" editorconfig; rc=$?
rm -f "$A/.editorconfig"
mapfile -t after < <(tr_ids "$A/editorconfig.log")
echo "build with TR0001 = none: rc=$rc; TR ids: ${after[*]:-none}"
reasons=()
[ "$rc" -eq 0 ] || reasons+=("build failed (rc $rc)")
grep -qE ": warning TR0001:" "$A/baseline.log" || reasons+=("TR0001 was not reported without the .editorconfig, so silencing it proves nothing")
grep -qE ": (warning|error) TR0001:" "$A/editorconfig.log" && reasons+=("TR0001 still in the build output")
[ -s "$A/editorconfig.sarif" ] && sarif_tr_results "$A/editorconfig.sarif" | grep -q "^RESULT TR0001 " && reasons+=("TR0001 still in the SARIF log")
[ "${#after[@]}" -gt 0 ] || reasons+=("no other TR warning left: the analyzer did not run")
check editorconfig-none-silences-tr0001 "${reasons[@]}"

# ---------------------------------------------------------------------------------------------------------------
phase "dotnet format analyzers"
# ---------------------------------------------------------------------------------------------------------------
B="$scratch/format"
make_copy "$B"
restore "$B" || echo "restore failed: $(tail -n 5 "$B/restore.log")"
format_args=(analyzers "$B/Consumer.csproj" --diagnostics "${ALL_RULES[@]}" --severity info)

dotnet format "${format_args[@]}" --verify-no-changes >"$B/verify-before.log" 2>&1; rc=$?
echo "dotnet format --verify-no-changes before fixing: rc=$rc"
if [ "$rc" -ne 0 ]; then pass format-verify-detects-fixable; else fail format-verify-detects-fixable "--verify-no-changes returned 0 on code with TR diagnostics"; fi

before="$(sources_sum "$B")"
start=$SECONDS
dotnet format "${format_args[@]}" -v diag >"$B/format.log" 2>&1; rc=$?
echo "dotnet format: rc=$rc in $((SECONDS - start)) s"
grep -iE 'Unable to fix|error|exception' "$B/format.log" | head -n 10 | sed 's/^/  /'
after_sum="$(sources_sum "$B")"
reasons=()
[ "$rc" -eq 0 ] || reasons+=("dotnet format returned $rc")
[ "$before" != "$after_sum" ] || reasons+=("no file changed")
diff <(echo "$before") <(echo "$after_sum") | grep '^>' | sed 's/^> [0-9a-f]* */  changed: /'
check format-changes-files "${reasons[@]}"

build "$B" fixed; rc=$?
reasons=()
[ "$rc" -eq 0 ] || reasons+=("the fixed consumer does not build (rc $rc): $(grep -E ': error ' "$B/fixed.log" | sed -E 's/ \[[^]]*\]$//' | sort -u | head -n 5)")
left="$(tr_lines "$B/fixed.log")"
[ -z "$left" ] || reasons+=("TR warnings left: $left")
if [ -s "$B/fixed.sarif" ]; then
  left="$(sarif_tr_results "$B/fixed.sarif" | awk '{print $2 "(" $3 ")"}' | sort | uniq -c | tr '\n' ' ')"
  [ -z "$left" ] || reasons+=("TR diagnostics left in the SARIF log: $left")
elif [ "$rc" -eq 0 ]; then
  reasons+=("no SARIF log written")
fi
new_other="$(comm -13 <(echo "$baseline_other") <(other_warnings "$B/fixed.log"))"
[ -z "$new_other" ] || reasons+=("the fix introduced warnings: $new_other")
[ "$before" != "$after_sum" ] || reasons+=("nothing was fixed")
check format-result-builds-clean "${reasons[@]}"

dotnet format "${format_args[@]}" --verify-no-changes >"$B/verify-after.log" 2>&1; rc=$?
echo "dotnet format --verify-no-changes after fixing: rc=$rc"
reasons=()
[ "$rc" -eq 0 ] || reasons+=("--verify-no-changes returned $rc after the fix: $(grep -E 'TR[0-9]{4}' "$B/verify-after.log" | head -n 5)")
[ "$before" != "$after_sum" ] || reasons+=("nothing was fixed, so there is nothing to verify")
check format-verify-no-changes "${reasons[@]}"

# ---------------------------------------------------------------------------------------------------------------
phase "roslynator fix"
# ---------------------------------------------------------------------------------------------------------------
C="$scratch/roslynator"
make_copy "$C"
restore "$C" || echo "restore failed: $(tail -n 5 "$C/restore.log")"
tools="$scratch/tools"
if dotnet tool install --tool-path "$tools" Roslynator.DotNet.Cli --version "$ROSLYNATOR_VERSION" >"$scratch/tool-install.log" 2>&1 && [ -x "$tools/roslynator" ]; then
  pass roslynator-installed
  before="$(sources_sum "$C")"
  start=$SECONDS
  "$tools/roslynator" fix "$C/Consumer.csproj" --supported-diagnostics "${ALL_RULES[@]}" --verbosity normal </dev/null >"$C/roslynator.log" 2>&1; rc=$?
  echo "roslynator fix: rc=$rc in $((SECONDS - start)) s"
  tail -n 15 "$C/roslynator.log" | sed 's/^/  /'
  after_sum="$(sources_sum "$C")"
  reasons=()
  [ "$rc" -eq 0 ] || reasons+=("roslynator fix returned $rc")
  [ "$before" != "$after_sum" ] || reasons+=("no file changed")
  check roslynator-fix-changes-files "${reasons[@]}"

  build "$C" fixed; rc=$?
  reasons=()
  [ "$rc" -eq 0 ] || reasons+=("the fixed consumer does not build (rc $rc): $(grep -E ': error ' "$C/fixed.log" | sed -E 's/ \[[^]]*\]$//' | sort -u | head -n 5)")
  left="$(tr_lines "$C/fixed.log")"
  [ -z "$left" ] || reasons+=("TR warnings left: $left")
  if [ -s "$C/fixed.sarif" ]; then
    left="$(sarif_tr_results "$C/fixed.sarif" | awk '{print $2 "(" $3 ")"}' | sort | uniq -c | tr '\n' ' ')"
    [ -z "$left" ] || reasons+=("TR diagnostics left in the SARIF log: $left")
  elif [ "$rc" -eq 0 ]; then
    reasons+=("no SARIF log written")
  fi
  new_other="$(comm -13 <(echo "$baseline_other") <(other_warnings "$C/fixed.log"))"
  [ -z "$new_other" ] || reasons+=("the fix introduced warnings: $new_other")
  [ "$before" != "$after_sum" ] || reasons+=("nothing was fixed")
  check roslynator-result-builds-clean "${reasons[@]}"
else
  fail roslynator-installed "$(tail -n 5 "$scratch/tool-install.log")"
  fail roslynator-fix-changes-files "Roslynator CLI not installed"
  fail roslynator-result-builds-clean "Roslynator CLI not installed"
fi

echo
if [ "$failures" -gt 0 ]; then
  echo "consumer: $failures check(s) failed (log: $log)"
  exit 1
fi
echo "consumer: all checks passed (log: $log)"
