#!/usr/bin/env bash
# Compare every spec under specs/ with its version at a git revision:
#   tools/specdiff/against-rev.sh BASE   (from the repository root; what `make specdiff BASE=…` runs)
# Prints one specdiff report per spec. Exit status: 0 nothing breaking,
# 1 something breaking (a spec removed since BASE counts), 2 an error.
set -euo pipefail

base="${1:?usage: against-rev.sh <git rev>}"
go="${GO:-go}"
git rev-parse --verify --quiet "${base}^{commit}" >/dev/null || { echo "specdiff: unknown revision: $base" >&2; exit 2; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$(dirname "$0")" && "$go" build -o "$tmp/specdiff" .)

status=0
worse() { if (( $1 > status )); then status=$1; fi; }

for spec in specs/*/*.yaml; do
	echo "== $spec"
	if ! git cat-file -e "$base:$spec" 2>/dev/null; then
		echo "added since $base (nothing to compare)"; echo
		continue
	fi
	old="$tmp/base/$spec"
	mkdir -p "$(dirname "$old")"
	git show "$base:$spec" >"$old"
	# Generate with the spec's own oapi-codegen config, as generate.go does.
	args=()
	cfg="$(grep -soE -- "-config [^ ]+ $spec\$" generate.go | awk '{print $2}' || true)"
	if [[ -n "$cfg" ]]; then args=(-config "$cfg"); fi
	rc=0
	"$tmp/specdiff" "${args[@]}" -old-label "$base:$spec" "$old" "$spec" || rc=$?
	worse "$rc"
	echo
done

# A spec that is gone removes a whole client package.
while read -r spec; do
	[[ -e "$spec" ]] && continue
	echo "== $spec: REMOVED since $base (BREAKING: its generated package goes away)"; echo
	worse 1
done < <(git ls-tree -r --name-only "$base" -- specs/ | grep -E '^specs/[^/]+/[^/]+\.yaml$' || true)

exit "$status"
