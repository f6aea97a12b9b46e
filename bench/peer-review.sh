#!/usr/bin/env bash
# Peer review simulation: seeded cohorts of 8, 15 and 25 learners review each other through
# Atelier's allocation (pulls, leases, pushes to volunteers and trainers); the median of the
# first 3 reviews, the mean of all and Atelier's grading are compared against the true scores.
# The issue asks for Atelier's RMSE ≥ 25 % below the median of first 3, and 100 % of submissions
# at k reviews by the review deadline (staff ones included, each counting 2 as allocation counts
# it; the literal share, every review 1, is printed beside). Pure computation: no server.
#
#   bench/peer-review.sh [--seed N] [--runs N] [--sizes 8,15,25]    (arguments go to peer-review-sim)
#
# Environment (optional): BENCH_JOBS, passed to `swift build -j` (on a shared machine, 1).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT="$PWD"
OUT="$ROOT/bench/out/$(date -u +%Y%m%dT%H%M%SZ)-peer-review"
mkdir -p "$OUT"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

say "swift build -c release --product peer-review-sim (only Domain and the simulation)"
(cd "$ROOT" && swift build -c release --scratch-path .build-release --product peer-review-sim ${BENCH_JOBS:+-j "$BENCH_JOBS"}) >&2
say "peer-review-sim $*"
{
    echo "Atelier peer review simulation — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, $(uname -m)"
    "$ROOT/.build-release/release/peer-review-sim" "$@"
} | tee "$OUT/summary.md"
echo "output: $OUT/summary.md" >&2
