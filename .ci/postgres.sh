# Sourced by .ci/run: a PostgreSQL server on loopback for the store tests and
# the worker tests, and MARSAD_TEST_PG pointing at it. MARSAD_REQUIRE_PG=1
# makes those tests fail, not skip, when the server cannot be reached.
#
#   source .ci/postgres.sh    # also works on a developer's machine
pg_port=${MARSAD_PG_PORT:-55432}
pg_root=${MARSAD_PG_ROOT:-/tmp/marsad-ci-pg}
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && command -v apt-get >/dev/null; then
    apt-get install -y -qq postgresql >/dev/null || { apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; }
fi
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
# initdb and postgres refuse to run as root: run them as the postgres user.
pg_as() {
    if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}
if [ ! -f "$pg_root/data/PG_VERSION" ]; then
    mkdir -p "$pg_root"
    [ "$(id -u)" = 0 ] && chown postgres "$pg_root"
    pg_as "$pg_bin/initdb -D $pg_root/data -U marsad --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
fi
if ! "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port"; then
    pg_as "$pg_bin/pg_ctl -D $pg_root/data -l $pg_root/log -w -o '-h 127.0.0.1 -p $pg_port -k $pg_root -c fsync=on -c max_connections=200' start" >/dev/null
fi
pg_has_db=$(pg_as "$pg_bin/psql -h 127.0.0.1 -p $pg_port -U marsad -d postgres -tAc \"SELECT 1 FROM pg_database WHERE datname = 'marsad_test'\"")
if [ "$pg_has_db" != 1 ]; then
    pg_as "$pg_bin/createdb -h 127.0.0.1 -p $pg_port -U marsad marsad_test"
fi
export MARSAD_TEST_PG="postgres://marsad@127.0.0.1:$pg_port/marsad_test"
export MARSAD_REQUIRE_PG=1
echo "ci: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') at $MARSAD_TEST_PG"
