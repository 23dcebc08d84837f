#!/usr/bin/env bash
# A real standalone Flink session cluster on this machine, from Flink's own entry points out of Maven
# Central jars (no Flink download): one JobManager (StandaloneSessionClusterEntrypoint) and N
# TaskManagers (TaskManagerRunner), each its own JVM on loopback, sized by Flink's own BashJavaUtils
# as bin/jobmanager.sh and bin/taskmanager.sh do. Jobs are submitted with Flink's CLI (CliFrontend,
# i.e. `flink run`). See jobs/CLUSTER.md.
#
#   jobs/cluster/flink-cluster.sh start [--taskmanagers N] [--slots N]
#   jobs/cluster/flink-cluster.sh submit ingest --logs … --journeys … --out …   # flink run target/sliflow.jar …
#   jobs/cluster/flink-cluster.sh flink list|cancel ID|stop --savepointPath DIR ID   # any Flink CLI command
#   jobs/cluster/flink-cluster.sh status | add-taskmanager | kill-taskmanager N | stop
#   jobs/cluster/flink-cluster.sh check       # CI: the committed sample, embedded vs cluster, same tables?
#
# Environment: SLIFLOW_CLUSTER_DIR (state: conf/, log/, pids; default .sliflow-cluster,
# outside target/ so that mvn clean does not lose the pids of a running cluster),
# SLIFLOW_CLUSTER_PORT (REST port; default the first free from 18081), SLIFLOW_CLUSTER_TTL (seconds
# after which a watchdog stops the cluster whatever happens; default none for start, 900 for check),
# SLIFLOW_JAR (default target/sliflow.jar), SLIFLOW_CLUSTER_CONF (extra config.yaml lines, appended).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
DIR="${SLIFLOW_CLUSTER_DIR:-$REPO/.sliflow-cluster}"
JAR="${SLIFLOW_JAR:-$REPO/target/sliflow.jar}"
CONF="$DIR/conf"
LOG="$DIR/log"
RUN="$DIR/run"
START_TIMEOUT=${SLIFLOW_CLUSTER_START_TIMEOUT:-120}
# what Flink's distribution sets for every JVM on Java 17 (env.java.opts.all of its config.yaml)
JAVA17_OPTS="--add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED \
--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED \
--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED \
--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED \
--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
--add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED \
--add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED \
--add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED \
--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED"
# file system plugins (s3-fs-hadoop, s3-fs-presto, azure, gs…): one sub-folder per plugin with its jar
export FLINK_PLUGINS_DIR="$DIR/plugins"

# on any failure while starting (and at the end of check) everything this script started is stopped
MAINPID=$$
STOP_ON_EXIT=""
on_exit() {
  local rc=$?
  if [ "$BASHPID" = "$MAINPID" ] && { [ "$STOP_ON_EXIT" = always ] || { [ "$STOP_ON_EXIT" = failure ] && [ "$rc" != 0 ]; }; }; then
    cmd_stop
  fi
  return "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT TERM

say() { echo "flink-cluster: $*" >&2; }
die() { say "error: $*"; exit 1; }

usage() {
  sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

# --- class path: Flink's jars from Maven Central, via jobs/cluster/pom.xml ----------------------
classpath() {
  local cp="$DIR/classpath.txt"
  if [ ! -s "$cp" ] || [ "$HERE/pom.xml" -nt "$cp" ]; then
    mkdir -p "$DIR"
    say "resolving Flink's jars from Maven Central (jobs/cluster/pom.xml)..."
    timeout 600 mvn -q -B -Dstyle.color=never -f "$HERE/pom.xml" dependency:build-classpath -Dmdep.outputFile="$cp.tmp" >&2 \
      || die "could not resolve the cluster class path (mvn dependency:build-classpath)"
    mv "$cp.tmp" "$cp"
  fi
  cat "$cp"
}

# --- small helpers ------------------------------------------------------------------------------
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port_from() {
  local p=$1
  while ! port_free "$p"; do p=$((p + 1)); [ "$p" -lt $(($1 + 200)) ] || die "no free port from $1"; done
  echo "$p"
}
rest_port() { [ -f "$RUN/rest.port" ] && cat "$RUN/rest.port" || die "no cluster in $DIR (start it first)"; }
http_get() { # path → body on stdout; fails when the REST endpoint does not answer
  curl -fsS --max-time 10 "http://localhost:$(rest_port)$1"
}
json_num() { # key → first numeric value of "key":N in stdin
  grep -o "\"$1\":[0-9]*" | head -1 | cut -d: -f2
}
# a pid file whose process is alive and is one of ours (its command line names this cluster's folder)
# (or, for an instant after the fork, still this script)
alive() {
  [ -f "$1" ] || return 1
  local pid cmd
  pid=$(cat "$1")
  kill -0 "$pid" 2>/dev/null || return 1
  # the process must be ours (a pid file may outlive its process and the pid be reused); while a
  # just-started process is in execve its cmdline reads empty for an instant: that is not "dead"
  cmd=$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null) || return 1
  [ -z "$cmd" ] || printf '%s' "$cmd" | grep -qF -e "$DIR" -e flink-cluster.sh
}
java_bin() { if [ -n "${JAVA_HOME:-}" ]; then echo "$JAVA_HOME/bin/java"; else echo java; fi; }

# Flink's own memory sizing (what bin/jobmanager.sh and bin/taskmanager.sh call): JVM options and
# dynamic properties for "JM" or "TM" from conf/config.yaml
resource_params() {
  local out
  out=$(timeout 60 "$(java_bin)" -cp "$(classpath)" -Dlog4j.configurationFile="$CONF/log4j-cli.properties" \
    org.apache.flink.runtime.util.bash.BashJavaUtils "GET_$1_RESOURCE_PARAMS" --configDir "$CONF" 2>&1) \
    || die "BashJavaUtils GET_$1_RESOURCE_PARAMS failed: $out"
  echo "$out" | grep '^BASH_JAVA_UTILS_EXEC_RESULT:' | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://'
}

write_conf() { # rest port, rpc port, slots
  mkdir -p "$CONF" "$LOG" "$RUN"
  cat > "$CONF/config.yaml" <<EOF
# written by jobs/cluster/flink-cluster.sh: a standalone session cluster on loopback
jobmanager.rpc.address: localhost
jobmanager.rpc.port: $2
jobmanager.bind-host: localhost
jobmanager.memory.process.size: 1g
rest.address: localhost
rest.bind-address: localhost
rest.port: $1
taskmanager.host: localhost
taskmanager.bind-host: localhost
taskmanager.numberOfTaskSlots: $3
taskmanager.memory.process.size: 1536m
taskmanager.memory.managed.fraction: 0.25
# a killed TaskManager is noticed within seconds (defaults: 10 s interval, 50 s timeout)
heartbeat.interval: 2000
heartbeat.timeout: 10000
# restarts: enough attempts to outlast a lost TaskManager (deploy attempts onto its slots fail
# until the JobManager notices it); the streaming ingest uses its own default only without this
restart-strategy.type: fixed-delay
restart-strategy.fixed-delay.attempts: 10
restart-strategy.fixed-delay.delay: 2 s
jobmanager.execution.failover-strategy: region
execution.checkpointing.dir: file://$DIR/checkpoints
io.tmp.dirs: $DIR/tmp
blob.storage.directory: $DIR/blobs
web.tmpdir: $DIR/tmp
EOF
  if [ -n "${SLIFLOW_CLUSTER_CONF:-}" ]; then printf '%s\n' "$SLIFLOW_CLUSTER_CONF" >> "$CONF/config.yaml"; fi
  mkdir -p "$DIR/tmp" "$DIR/blobs" "$DIR/plugins"
  # JobManager and TaskManagers log to log/<name>.log (the web UI shows these files too)
  cat > "$CONF/log4j.properties" <<'EOF'
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = file
appender.file.name = file
appender.file.type = File
appender.file.fileName = ${sys:log.file}
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
logger.pekko.name = org.apache.pekko
logger.pekko.level = INFO
logger.netty.name = org.apache.flink.shaded.netty4.io.netty
logger.netty.level = WARN
EOF
  # the CLI: warnings on the console, the job's own (sliflow) lines as they are
  cat > "$CONF/log4j-cli.properties" <<'EOF'
# (the CLI looks for the YARN command line and warns with a stack trace when it is absent)
logger.cli.name = org.apache.flink.client.cli.CliFrontend
logger.cli.level = ERROR
rootLogger.level = WARN
rootLogger.appenderRef.console.ref = console
appender.console.name = console
appender.console.type = Console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %-5p %c{1} - %m%n
EOF
}

# start_process NAME MAINCLASS JM|TM [extra dynamic properties…]
start_process() {
  local name=$1 main=$2 kind=$3; shift 3
  local params jvm dyn
  params=$(resource_params "$kind")
  jvm=$(echo "$params" | sed -n 1p)
  dyn=$(echo "$params" | sed -n 2p)
  # shellcheck disable=SC2086 # word splitting of Flink's JVM options and -D pairs is intended
  nohup "$(java_bin)" $jvm $JAVA17_OPTS \
    -Dlog.file="$LOG/$name.log" -Dlog4j.configurationFile="$CONF/log4j.properties" \
    -cp "$(classpath)" "$main" --configDir "$CONF" $dyn "$@" \
    > "$LOG/$name.out" 2>&1 < /dev/null &
  echo $! > "$RUN/$name.pid"
}

overview() { http_get /overview 2>/dev/null || true; }

wait_for() { # description, seconds, command…
  local what=$1 secs=$2; shift 2
  local deadline=$((SECONDS + secs))
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.5
  done
}

jm_up() { alive "$RUN/jobmanager.pid" || die "the JobManager died: $(tail -5 "$LOG/jobmanager.out" "$LOG/jobmanager.log" 2>/dev/null)"; [ -n "$(overview)" ]; }

# TaskManager names are never reused (a killed one keeps its number: taskmanager-N.pid.killed)
next_tm() { local i=1; while [ -e "$RUN/taskmanager-$i.pid" ] || [ -e "$RUN/taskmanager-$i.pid.killed" ]; do i=$((i + 1)); done; echo "$i"; }
tm_registered() { # name: the ResourceManager lists it
  alive "$RUN/$1.pid" || die "$1 died: $(tail -5 "$LOG/$1.out" "$LOG/$1.log" 2>/dev/null)"
  http_get /taskmanagers 2>/dev/null | grep -qF "\"id\":\"$1\""
}

add_taskmanager() {
  local i
  i=$(next_tm)
  start_process "taskmanager-$i" org.apache.flink.runtime.taskexecutor.TaskManagerRunner TM \
    -D "taskmanager.resource-id=taskmanager-$i"
  if ! wait_for "taskmanager-$i" "$START_TIMEOUT" tm_registered "taskmanager-$i"; then
    kill -KILL "$(cat "$RUN/taskmanager-$i.pid")" 2>/dev/null || true
    die "taskmanager-$i did not register within ${START_TIMEOUT}s (see $LOG/taskmanager-$i.log)"
  fi
  say "taskmanager-$i up (pid $(cat "$RUN/taskmanager-$i.pid"))"
}

kill_taskmanager() { # SIGKILL, as a crashed machine or the OOM killer would
  local f="$RUN/taskmanager-$1.pid"
  alive "$f" || die "taskmanager-$1 is not running"
  kill -KILL "$(cat "$f")"
  mv "$f" "$f.killed"
  say "taskmanager-$1 (pid $(cat "$f.killed")) killed with SIGKILL"
}

cmd_start() {
  local tms=${SLIFLOW_CLUSTER_TASKMANAGERS:-2} slots=${SLIFLOW_CLUSTER_SLOTS:-1}
  while [ $# -gt 0 ]; do
    case $1 in
      --taskmanagers) tms=$2; shift 2 ;;
      --slots) slots=$2; shift 2 ;;
      *) die "start: unknown option $1" ;;
    esac
  done
  if alive "$RUN/jobmanager.pid"; then die "a cluster is already running from $DIR (stop it first)"; fi
  [ -n "$STOP_ON_EXIT" ] || STOP_ON_EXIT=failure
  rm -rf "$RUN"
  local t0=$SECONDS rest rpc
  classpath > /dev/null
  rest=${SLIFLOW_CLUSTER_PORT:-$(free_port_from 18081)}
  port_free "$rest" || die "REST port $rest is in use"
  rpc=$(free_port_from 16123)
  write_conf "$rest" "$rpc" "$slots"
  echo "$rest" > "$RUN/rest.port"
  if [ -n "${SLIFLOW_CLUSTER_TTL:-}" ]; then # watchdog: whatever happens, nothing outlives the TTL
    (
      trap 'kill $! 2>/dev/null; exit 0' TERM
      sleep "$SLIFLOW_CLUSTER_TTL" & wait $!
      rm -f "$RUN/watchdog.pid"
      if alive "$RUN/jobmanager.pid"; then say "TTL of ${SLIFLOW_CLUSTER_TTL}s reached: stopping the cluster"; SLIFLOW_CLUSTER_DIR="$DIR" "$HERE/flink-cluster.sh" stop; fi
    ) >> "$LOG/watchdog.out" 2>&1 < /dev/null &
    echo $! > "$RUN/watchdog.pid"
  fi
  start_process jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint JM
  wait_for jobmanager "$START_TIMEOUT" jm_up || die "the JobManager's REST endpoint did not answer within ${START_TIMEOUT}s (see $LOG/jobmanager.log)"
  say "jobmanager up (pid $(cat "$RUN/jobmanager.pid")), REST on http://localhost:$rest"
  local i
  for ((i = 1; i <= tms; i++)); do add_taskmanager; done
  say "cluster up in $((SECONDS - t0)) s: 1 JobManager, $tms TaskManager(s) x $slots slot(s); state in $DIR"
  [ "$STOP_ON_EXIT" = always ] || STOP_ON_EXIT=""
}

cmd_stop() {
  local f pid any=0
  [ -d "$RUN" ] || { say "nothing running in $DIR"; return 0; }
  if [ -f "$RUN/watchdog.pid" ]; then kill -TERM "$(cat "$RUN/watchdog.pid")" 2>/dev/null || true; rm -f "$RUN/watchdog.pid"; fi
  for f in "$RUN"/taskmanager-*.pid "$RUN"/jobmanager.pid; do
    [ -f "$f" ] || continue
    if alive "$f"; then any=1; kill -TERM "$(cat "$f")" 2>/dev/null || true; else rm -f "$f"; fi
  done
  local deadline=$((SECONDS + 20))
  for f in "$RUN"/taskmanager-*.pid "$RUN"/jobmanager.pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then say "$(basename "$f" .pid) did not stop within 20 s: SIGKILL"; kill -KILL "$pid" 2>/dev/null || true; fi
    rm -f "$f"
  done
  rm -f "$RUN/rest.port"
  [ "$any" = 1 ] && say "stopped" || say "nothing was running"
}

cmd_status() {
  local f
  for f in "$RUN"/jobmanager.pid "$RUN"/taskmanager-*.pid; do
    [ -f "$f" ] || continue
    if alive "$f"; then echo "$(basename "$f" .pid) pid $(cat "$f") running"; else echo "$(basename "$f" .pid) pid $(cat "$f") dead"; fi
  done
  echo "REST http://localhost:$(rest_port): $(overview)"
}

# Flink's CLI (CliFrontend) against this cluster: conf/config.yaml names its REST endpoint
cmd_flink() {
  [ -f "$RUN/rest.port" ] || die "no cluster in $DIR (start it first)"
  # shellcheck disable=SC2086
  FLINK_CONF_DIR="$CONF" exec timeout "${SLIFLOW_SUBMIT_TIMEOUT:-1800}" "$(java_bin)" $JAVA17_OPTS \
    -Dlog4j.configurationFile="$CONF/log4j-cli.properties" -cp "$(classpath)" \
    org.apache.flink.client.cli.CliFrontend "$@"
}

cmd_submit() { # flink run (attached) of the sliflow jar with sliflow's arguments
  [ -f "$JAR" ] || die "$JAR missing: build it with mvn -B -DskipTests clean package"
  cmd_flink run "$JAR" "$@"
}

# --- CI check: the committed sample through the embedded MiniCluster and through the cluster ------
cmd_check() {
  local sample="$REPO/datasets/sample" out="$DIR/check" t0
  export SLIFLOW_CLUSTER_TTL=${SLIFLOW_CLUSTER_TTL:-900}
  if [ ! -f "$JAR" ]; then
    say "building target/sliflow.jar..."
    (cd "$REPO" && timeout 900 mvn -q -B -DskipTests clean package) >&2
  fi
  if alive "$RUN/jobmanager.pid"; then die "a cluster is already running from $DIR (stop it first)"; fi
  STOP_ON_EXIT=always
  rm -rf "$out"
  mkdir -p "$out"
  local args=(ingest --logs "$sample/nginx" --journeys "$sample/journeys.yaml" --parallelism 2 --quiet)
  t0=$SECONDS
  say "embedded run (java -jar, local MiniCluster) -> $out/embedded"
  if ! timeout 600 "$(java_bin)" -jar "$JAR" "${args[@]}" --out "$out/embedded" 2>&1 | sed 's/^/  embedded: /'; then
    die "the embedded run failed"
  fi
  say "embedded run: $((SECONDS - t0)) s"
  t0=$SECONDS
  cmd_start
  say "cluster start: $((SECONDS - t0)) s"
  t0=$SECONDS
  say "cluster run (flink run $JAR) -> $out/cluster"
  if ! (cmd_submit "${args[@]}" --out "$out/cluster") 2>&1 | sed 's/^/  cluster: /'; then
    die "the cluster run failed (logs in $LOG)"
  fi
  say "cluster run: $((SECONDS - t0)) s"
  local jobs
  jobs=$(http_get /jobs/overview)
  echo "$jobs" | grep -q '"state":"FINISHED"' || die "the cluster shows no finished job: $jobs"
  say "the JobManager ran it: $(echo "$jobs" | grep -o '"jid":"[0-9a-f]*","name":"[^"]*"[^}]*"state":"[A-Z]*"' | head -3)"
  say "comparing the tables (row by row, all columns)"
  timeout 300 "$(java_bin)" -cp "$JAR" dev.sliflow.table.TableDiff "$out/embedded" "$out/cluster" \
    sli_minute rejects ingest_audit unmatched_paths || die "the cluster run's tables differ from the embedded run's"
  say "check passed: the cluster run wrote the same tables as the embedded run"
}

case "${1:-}" in
  start) shift; cmd_start "$@" ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  add-taskmanager) add_taskmanager ;;
  kill-taskmanager) [ -n "${2:-}" ] || die "kill-taskmanager N"; kill_taskmanager "$2" ;;
  submit) shift; cmd_submit "$@" ;;
  flink) shift; cmd_flink "$@" ;;
  classpath) classpath ;;
  check) cmd_check ;;
  -h|--help|help|"") usage ;;
  *) usage >&2; exit 2 ;;
esac
