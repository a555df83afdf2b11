# Sourced by .ci/run: a throwaway PostgreSQL cluster for the `postgres`-marked tests.
#
# As root with apt-get (the CI machine), PostgreSQL is installed from Debian's packages,
# a cluster is created in a temporary folder and started on 127.0.0.1 (never port 5432,
# where installing the package may start a default cluster), and
# IMPROVEMENT_DESK_TEST_PG_URL names its database. `pg_stop` (called from .ci/run's EXIT
# trap) always stops it and removes the folder. Anywhere else the PostgreSQL tests skip,
# saying why. Recipe measured in ../shared/ENVIRONMENT.md.

PG_PORT=${PG_PORT:-54329}
PGROOT=""
PGBIN=""

pg_as() { (cd / && runuser -u postgres -- "$@"); }

pg_start() {
    if [[ $(id -u) -ne 0 ]] || ! command -v apt-get > /dev/null 2>&1; then
        ci "PostgreSQL: not root with apt-get; the PostgreSQL tests will skip"
        return 0
    fi
    if ! ls -d /usr/lib/postgresql/*/bin > /dev/null 2>&1; then
        ci "PostgreSQL: installing Debian's postgresql package"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            postgresql > /dev/null
    fi
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    PGROOT=$(mktemp -d /tmp/ci-pg.XXXXXX)
    chown postgres:postgres "$PGROOT"  # the socket folder must belong to postgres
    pg_as "$PGBIN/initdb" -D "$PGROOT/data" -U postgres --auth=trust -E UTF8 \
        --locale=C.UTF-8 -N > "$PGROOT/initdb.log"
    pg_as "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/log" -w -t 30 \
        -o "-k $PGROOT -h 127.0.0.1 -p $PG_PORT" start > /dev/null
    pg_as "$PGBIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres appdb
    export IMPROVEMENT_DESK_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$PG_PORT/appdb"
    ci "PostgreSQL: $("$PGBIN/postgres" --version) on 127.0.0.1:$PG_PORT ($PGROOT)"
}

pg_stop() {
    [[ -n $PGROOT && -d $PGROOT ]] || return 0
    if [[ -n $PGBIN && -f $PGROOT/data/postmaster.pid ]]; then
        pg_as "$PGBIN/pg_ctl" -D "$PGROOT/data" -m fast -w stop > /dev/null 2>&1 || true
    fi
    rm -rf "$PGROOT"
    PGROOT=""
}
