#!/usr/bin/env bash
# A private OpenLink Virtuoso for the integration tests: loopback only, its own ini and database
# in a folder of its own, a non-default dba password and a writer user allowed SPARQL Update.
#
#   .ci/virtuoso.sh start   install (if missing) and start; writes $DIR/env for the tests
#   .ci/virtuoso.sh stop    checkpoint and shut down cleanly
#   .ci/virtuoso.sh kill    SIGKILL (fault tests); a later start replays the transaction log
#   .ci/virtuoso.sh checkpoint   flush to the database files (keeps that replay short)
#
# DIR is $C2C_KG_VIRTUOSO_DIR, default /tmp/c2c-kg-virtuoso. A second start on the same DIR keeps
# its database, ports and passwords. `. $DIR/env` exports C2C_KG_TEST_VIRTUOSO_URL, _USER,
# _PASSWORD (and _DIR), which tests/servers.py reads.
set -euo pipefail
DIR=${C2C_KG_VIRTUOSO_DIR:-/tmp/c2c-kg-virtuoso}
HERE=$(cd "$(dirname "$0")" && pwd)

say() { printf 'virtuoso.sh: %s\n' "$*" >&2; }

install() {
  command -v virtuoso-t >/dev/null && command -v isql-vt >/dev/null && return
  say "installing virtuoso-opensource from Debian (no system instance is started)"
  local guard=/usr/sbin/policy-rc.d made=""
  if [ ! -e "$guard" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$guard" && chmod +x "$guard" && made=1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    virtuoso-opensource >/dev/null
  [ -n "$made" ] && rm -f "$guard"
  return 0
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

write_ini() {
  local sql=$1 http=$2
  mkdir -p "$DIR/db"
  cat >"$DIR/virtuoso.ini" <<EOF
[Database]
DatabaseFile       = $DIR/db/virtuoso.db
ErrorLogFile       = $DIR/db/virtuoso.log
LockFile           = $DIR/db/virtuoso.lck
TransactionFile    = $DIR/db/virtuoso.trx
xa_persistent_file = $DIR/db/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = $DIR/db/virtuoso-temp.db
TransactionFile    = $DIR/db/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort           = 127.0.0.1:$sql
DisableUnixSocket    = 1
MaxClientConnections = 10
CheckpointInterval   = 60
CaseMode             = 2
DirsAllowed          = ., $DIR, /usr/share/virtuoso-opensource-7/vad
VADInstallDir        = /usr/share/virtuoso-opensource-7/vad/
MaxQueryMem          = 1G
NumberOfBuffers      = 170000
MaxDirtyBuffers      = 130000

[HTTPServer]
ServerPort           = 127.0.0.1:$http
ServerRoot           = /var/lib/virtuoso-opensource-7/vsp
MaxClientConnections = 10
ServerThreads        = 10
MaxKeepAlives        = 10
KeepAliveTimeout     = 10
EnabledDavVSP        = 0
Charset              = UTF-8

[SPARQL]
ResultSetMaxRows           = 10000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime      = 300
EOF
}

isql() {  # isql PASSWORD FILE: run SQL as dba; isql-vt exits 0 on failure, so read its output
  local out
  out=$(isql-vt "127.0.0.1:$SQLPORT" dba "$1" "$2" 2>&1) || { say "isql failed: $out"; return 1; }
  if grep -q '\*\*\* Error' <<<"$out"; then say "isql reported an error: $out"; return 1; fi
}

wait_http() {
  local i
  for i in $(seq 1 240); do
    if python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' \
        "http://127.0.0.1:$HTTPPORT/sparql?query=ASK%7B%7D" 2>/dev/null; then
      return 0
    fi
    if ! kill -0 "$(cat "$DIR/pid")" 2>/dev/null; then
      say "virtuoso-t exited; its log:"; tail -20 "$DIR/db/virtuoso.log" >&2 || true; return 1
    fi
    sleep 0.25
  done
  say "virtuoso did not answer on port $HTTPPORT within 60 s"; return 1
}

running() { [ -f "$DIR/pid" ] && kill -0 "$(cat "$DIR/pid")" 2>/dev/null; }

start() {
  install
  if running; then say "already running (pid $(cat "$DIR/pid"))"; return 0; fi
  local fresh=""
  if [ ! -f "$DIR/settings" ]; then
    fresh=1
    mkdir -p "$DIR"
    {
      echo "SQLPORT=$(free_port)"
      echo "HTTPPORT=$(free_port)"
      echo "DBA_PASSWORD=dba-$(python3 -c 'import secrets; print(secrets.token_hex(8))')"
      echo "WRITER=c2c_writer"
      echo "WRITER_PASSWORD=w-$(python3 -c 'import secrets; print(secrets.token_hex(8))')"
    } >"$DIR/settings"
  fi
  # shellcheck disable=SC1091
  . "$DIR/settings"
  write_ini "$SQLPORT" "$HTTPPORT"
  rm -f "$DIR/db/virtuoso.lck"
  (cd "$DIR/db" && exec virtuoso-t +foreground +configfile "$DIR/virtuoso.ini" \
     >"$DIR/virtuoso.out" 2>&1) &
  echo $! >"$DIR/pid"
  wait_http
  if [ -n "$fresh" ]; then
    # The database was just created with dba/dba: change it before anything else.
    printf "user_set_password ('dba', '%s');\n" "$DBA_PASSWORD" >"$DIR/password.sql"
    isql dba "$DIR/password.sql"
    cat >"$DIR/writer.sql" <<EOF
DB.DBA.USER_CREATE ('$WRITER', '$WRITER_PASSWORD');
GRANT SPARQL_UPDATE TO "$WRITER";
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('$WRITER', 3);
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 1);
EOF
    isql "$DBA_PASSWORD" "$DIR/writer.sql"
    rm -f "$DIR/password.sql" "$DIR/writer.sql"
  fi
  cat >"$DIR/env" <<EOF
export C2C_KG_TEST_VIRTUOSO_URL=http://127.0.0.1:$HTTPPORT
export C2C_KG_TEST_VIRTUOSO_USER=$WRITER
export C2C_KG_TEST_VIRTUOSO_PASSWORD=$WRITER_PASSWORD
export C2C_KG_TEST_VIRTUOSO_DIR=$DIR
export C2C_KG_TEST_VIRTUOSO_CONTROL=$HERE/virtuoso.sh
EOF
  chmod 600 "$DIR/env" "$DIR/settings"
  say "running on http://127.0.0.1:$HTTPPORT (pid $(cat "$DIR/pid")); env in $DIR/env"
}

stop() {
  running || { say "not running"; return 0; }
  # shellcheck disable=SC1091
  . "$DIR/settings"
  printf 'checkpoint;\nshutdown;\n' >"$DIR/stop.sql"
  isql-vt "127.0.0.1:$SQLPORT" dba "$DBA_PASSWORD" "$DIR/stop.sql" >/dev/null 2>&1 || true
  rm -f "$DIR/stop.sql"
  local pid i
  pid=$(cat "$DIR/pid")
  for i in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -0 "$pid" 2>/dev/null && kill "$pid"
  rm -f "$DIR/pid"
  say "stopped"
}

checkpoint() {  # write everything to the database files, so a restart has little log to replay
  running || { say "not running"; return 1; }
  # shellcheck disable=SC1091
  . "$DIR/settings"
  printf 'checkpoint;\n' >"$DIR/checkpoint.sql"
  isql "$DBA_PASSWORD" "$DIR/checkpoint.sql"
  rm -f "$DIR/checkpoint.sql"
}

kill_now() {
  running || { say "not running"; return 0; }
  local pid i
  pid=$(cat "$DIR/pid")
  kill -9 "$pid"
  for i in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$DIR/pid"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  kill) kill_now ;;
  checkpoint) checkpoint ;;
  *) echo "usage: $0 start|stop|kill|checkpoint" >&2; exit 2 ;;
esac
