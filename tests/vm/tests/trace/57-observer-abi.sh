# The observer ioctls at the ABI: argument checks, at most eight at once,
# the descriptor's read/poll semantics, its own ids from 1, and a full
# ring that drops with its own loss markers, never counted in the trail.
. /tests/lib.sh

load_module
obstest || fail "observer ABI"
