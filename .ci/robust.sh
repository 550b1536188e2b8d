# Sourced by .ci/run before `cargo test`: CI runs as root, so the tests that
# mount a small tmpfs (a full disk, a read-only data folder) must run there;
# this makes a failed mount a test failure instead of a printed skip.
export MARSAD_REQUIRE_MOUNT=1
if ! command -v mount >/dev/null || ! command -v umount >/dev/null; then
    echo "ci: mount/umount are missing (the full-disk and read-only tests need them)" >&2
fi
