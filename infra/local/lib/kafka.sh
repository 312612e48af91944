# shellcheck shell=bash
# Apache Kafka, single-node KRaft (broker + controller in one JVM), without the
# binary tarball: the tarball's host is not reachable from CI, Maven Central
# is. The broker and its runtime dependencies are resolved with Maven into the
# cache as a flat libs/ directory, and the JVM runs `kafka.Kafka` on it.

# Default: the newest release that kafkajs 2.2.4 (our client) works with;
# see infra/README.md and infra/local/check-kafkajs.mjs for the evidence.
KAFKA_VERSION="${EJP_KAFKA_VERSION:-4.4.0}"
KAFKA_PORT="${EJP_KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${EJP_KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1))}"
KAFKA_HEAP="${EJP_KAFKA_HEAP:--Xms256m -Xmx512m}"
JAVA="${EJP_JAVA:-java}"

KAFKA_HOME="$EJP_CACHE/kafka/$KAFKA_VERSION"
KAFKA_STATE="$INFRA_DIR/kafka"
KAFKA_LOG="$LOG_DIR/kafka.log"    # written by log4j
KAFKA_OUT="$LOG_DIR/kafka.out"    # the JVM's stdout/stderr (startup errors, crashes)
KAFKA_PREP_LOG="$LOG_DIR/kafka-prepare.log"

kafka_env() {
  echo "export KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT"
}

# Maven with its own local repository in the cache: the cold/warm behaviour
# is then the same on a developer machine and in CI, and ~/.m2 stays clean.
kafka_mvn() {
  mvn -B -ntp -Dmaven.repo.local="$EJP_CACHE/m2" "$@" >>"$KAFKA_PREP_LOG" 2>&1 ||
    fail_server kafka "mvn $* failed (Maven Central reachable?)" "$KAFKA_PREP_LOG"
}

# A throwaway pom whose only purpose is to list what to copy into libs/.
kafka_pom() {
  local deps="" d g a v
  for d in "$@"; do
    IFS=: read -r g a v <<<"$d"
    deps+="<dependency><groupId>$g</groupId><artifactId>$a</artifactId><version>$v</version></dependency>"
  done
  cat <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.ejp</groupId><artifactId>kafka-runtime</artifactId><version>1</version>
  <packaging>pom</packaging>
  <dependencies>$deps</dependencies>
</project>
EOF
}

jar_version() { # jar_version DIR ARTIFACT -> version of DIR/ARTIFACT-<version>.jar
  local files=("$1/$2"-[0-9]*.jar) f
  [[ -e "${files[0]}" ]] || return 1
  f="${files[0]##*/}"
  f="${f#"$2"-}"
  printf '%s\n' "${f%.jar}"
}

kafka_prepare() {
  [[ -f "$KAFKA_HOME/.complete" ]] && return 0
  command -v mvn >/dev/null || die "kafka: mvn (Maven) is not on PATH"
  command -v "$JAVA" >/dev/null || die "kafka: java is not on PATH"
  mkdir -p "$LOG_DIR"
  : >"$KAFKA_PREP_LOG"
  log "kafka: resolving org.apache.kafka:kafka_2.13:$KAFKA_VERSION and its runtime dependencies from Maven Central"

  # Build next to the final place and rename at the end, so an interrupted
  # run never leaves a half-filled libs/ that looks complete.
  local tmp="$KAFKA_HOME.tmp.$$" v
  rm -rf "$tmp"
  mkdir -p "$tmp/libs" "$tmp/pom"
  kafka_pom "org.apache.kafka:kafka_2.13:$KAFKA_VERSION" >"$tmp/pom/pom.xml"
  kafka_mvn -f "$tmp/pom/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$tmp/libs"
  [[ -n "$(ls "$tmp/libs"/kafka_2.13-*.jar 2>/dev/null)" ]] ||
    fail_server kafka "no kafka_2.13 jar after Maven resolution" "$KAFKA_PREP_LOG"

  # The broker's pom brings only slf4j-api; the binding that the release
  # tarball ships is not a Maven dependency, without it nothing is logged.
  # Kafka 4.x logs through log4j2 (log4j-core is already in libs/), 3.x
  # through reload4j.
  if v="$(jar_version "$tmp/libs" log4j-core)"; then
    kafka_pom "org.apache.logging.log4j:log4j-slf4j-impl:$v" >"$tmp/pom/pom.xml"
  else
    v="$(jar_version "$tmp/libs" slf4j-api)" || v=1.7.36
    kafka_pom "ch.qos.reload4j:reload4j:1.2.25" "org.slf4j:slf4j-reload4j:$v" >"$tmp/pom/pom.xml"
  fi
  kafka_mvn -f "$tmp/pom/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DexcludeTransitive=true -DoutputDirectory="$tmp/libs"

  # Compile the readiness probe once (needs a JDK; without javac `up` falls
  # back to port + log line).
  if command -v javac >/dev/null; then
    mkdir -p "$tmp/probe"
    javac -nowarn -d "$tmp/probe" -cp "$tmp/libs/*" "$EJP_LOCAL_DIR/lib/KafkaReady.java" >>"$KAFKA_PREP_LOG" 2>&1 ||
      fail_server kafka "could not compile lib/KafkaReady.java" "$KAFKA_PREP_LOG"
  fi
  rm -rf "$tmp/pom"
  touch "$tmp/.complete"
  rm -rf "$KAFKA_HOME"
  mv "$tmp" "$KAFKA_HOME"
  local jars=("$KAFKA_HOME"/libs/*.jar)
  log "kafka: $KAFKA_VERSION cached in $KAFKA_HOME (${#jars[@]} jars)"
}

# The storage tool moved between releases (Scala kafka.tools.StorageTool in
# core, org.apache.kafka.tools.StorageTool in later lines): find it in the
# jars instead of guessing from the version. Class names are stored
# uncompressed in a jar's directory, so grep finds them without unzip.
kafka_storage_class() {
  local j
  for j in "$KAFKA_HOME"/libs/*.jar; do
    if grep -aq 'org/apache/kafka/tools/StorageTool.class' "$j"; then
      echo org.apache.kafka.tools.StorageTool
      return 0
    fi
  done
  for j in "$KAFKA_HOME"/libs/*.jar; do
    if grep -aq 'kafka/tools/StorageTool.class' "$j"; then
      echo kafka.tools.StorageTool
      return 0
    fi
  done
  return 1
}

kafka_write_config() {
  mkdir -p "$KAFKA_STATE"
  # Regenerated on every start, so changed ports apply without a reset.
  cat >"$KAFKA_STATE/server.properties" <<EOF
# Generated by infra/local/lib/kafka.sh; edits are overwritten by \`up\`.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_STATE/data

# Single node: every internal topic with one replica.
num.partitions=3
default.replication.factor=1
offsets.topic.replication.factor=1
# Fewer partitions for __consumer_offsets than the default 50: the first
# consumer group of a fresh broker then joins faster.
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Tests start consumers and expect them to join without the 3 s grace period.
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
delete.topic.enable=true
EOF
  # log4j2 (Kafka 4.x) and reload4j (3.x) configs; both are passed, each
  # framework reads only its own. Size-capped so long-lived dev brokers do
  # not fill the disk.
  cat >"$KAFKA_STATE/log4j2.properties" <<EOF
status = warn
appender.file.type = RollingFile
appender.file.name = FILE
appender.file.fileName = $KAFKA_LOG
appender.file.filePattern = $KAFKA_LOG.%i
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
appender.file.policies.type = Policies
appender.file.policies.size.type = SizeBasedTriggeringPolicy
appender.file.policies.size.size = 20MB
appender.file.strategy.type = DefaultRolloverStrategy
appender.file.strategy.max = 3
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = FILE
logger.controller.name = org.apache.kafka.controller
logger.controller.level = INFO
logger.state.name = state.change.logger
logger.state.level = WARN
EOF
  cat >"$KAFKA_STATE/log4j.properties" <<EOF
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.RollingFileAppender
log4j.appender.file.File=$KAFKA_LOG
log4j.appender.file.MaxFileSize=20MB
log4j.appender.file.MaxBackupIndex=3
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.state.change.logger=WARN
EOF
}

kafka_java_opts() {
  # shellcheck disable=SC2206 # KAFKA_HEAP is a list of JVM flags
  local heap=($KAFKA_HEAP)
  printf '%s\n' "${heap[@]}" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError \
    -Djava.awt.headless=true -Dkafka.logs.dir="$LOG_DIR" \
    -Dlog4j2.configurationFile="$KAFKA_STATE/log4j2.properties" \
    -Dlog4j.configuration="file:$KAFKA_STATE/log4j.properties"
}

kafka_check_java() {
  local v
  v="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  [[ "${v%%.*}" =~ ^[0-9]+$ && "${v%%.*}" -ge 17 ]] ||
    die "kafka: needs Java 17 or newer, '$JAVA' is ${v:-unknown}"
}

kafka_start() {
  if already_up kafka "$KAFKA_PORT"; then return 0; fi
  ensure_port_free kafka "$KAFKA_PORT" EJP_KAFKA_PORT
  ensure_port_free kafka "$KAFKA_CONTROLLER_PORT" EJP_KAFKA_CONTROLLER_PORT
  kafka_check_java
  mkdir -p "$KAFKA_STATE" "$LOG_DIR"
  # Keep the previous run's logs one generation back: a failure then shows
  # this run's lines only.
  local f
  for f in "$KAFKA_LOG" "$KAFKA_OUT"; do
    if [[ -f "$f" ]]; then mv -f "$f" "$f.prev"; fi
  done
  kafka_write_config
  local -a opts
  mapfile -t opts < <(kafka_java_opts)

  # Data formatted by another Kafka version may carry a metadata.version the
  # requested one cannot read (downgrade) or has to upgrade; this is test
  # data, so start over instead.
  if [[ -d "$KAFKA_STATE/data" && "$(cat "$KAFKA_STATE/version" 2>/dev/null)" != "$KAFKA_VERSION" ]]; then
    warn "kafka: data dir was formatted by version '$(cat "$KAFKA_STATE/version" 2>/dev/null || echo unknown)'; reformatting for $KAFKA_VERSION"
    rm -rf "$KAFKA_STATE/data"
  fi
  if [[ ! -f "$KAFKA_STATE/data/meta.properties" ]]; then
    local cls cluster_id
    cls="$(kafka_storage_class)" || fail_server kafka "no StorageTool class in $KAFKA_HOME/libs" "$KAFKA_PREP_LOG"
    # A Kafka cluster id is a UUID as 22 chars of URL-safe base64 without padding.
    # One starting with '-' would be read as an option by kafka-storage (Kafka's
    # own Uuid.randomUuid() skips those too), so draw again until it does not.
    cluster_id="-"
    while [[ "$cluster_id" == -* ]]; do
      cluster_id="$(head -c16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
    done
    log "kafka: formatting $KAFKA_STATE/data (cluster id $cluster_id, $cls)"
    "$JAVA" "${opts[@]}" -cp "$KAFKA_HOME/libs/*" "$cls" format \
      -t "$cluster_id" -c "$KAFKA_STATE/server.properties" >>"$KAFKA_OUT" 2>&1 ||
      fail_server kafka "storage format failed" "$KAFKA_OUT" "$KAFKA_LOG"
    echo "$KAFKA_VERSION" >"$KAFKA_STATE/version"
  fi

  log "kafka: starting $KAFKA_VERSION on 127.0.0.1:$KAFKA_PORT (controller 127.0.0.1:$KAFKA_CONTROLLER_PORT)"
  spawn kafka "$KAFKA_OUT" "$KAFKA_STATE/server.properties" "$JAVA" "${opts[@]}" -cp "$KAFKA_HOME/libs/*" kafka.Kafka "$KAFKA_STATE/server.properties"
}

kafka_ready() {
  port_answers "$KAFKA_PORT" || return 1
  if [[ -d "$KAFKA_HOME/probe" ]]; then
    # Small fast-starting JVM; only kafka-clients and slf4j-api are needed.
    local clients=("$KAFKA_HOME"/libs/kafka-clients-*.jar) slf4j=("$KAFKA_HOME"/libs/slf4j-api-*.jar)
    local cp="$KAFKA_HOME/probe:${clients[0]}:${slf4j[0]}"
    "$JAVA" -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$cp" KafkaReady "127.0.0.1:$KAFKA_PORT" >/dev/null 2>&1
  else
    grep -q 'Kafka Server started' "$KAFKA_LOG" 2>/dev/null
  fi
}

kafka_wait() {
  wait_ready kafka kafka_ready "$KAFKA_OUT" "$KAFKA_LOG"
  log "kafka: ready on 127.0.0.1:$KAFKA_PORT"
}

kafka_stop() {
  # SIGTERM runs the broker's controlled shutdown.
  stop_pid kafka 60 TERM
}
