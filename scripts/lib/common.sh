# Shared helpers for the scripts in scripts/: install what is missing, build hdl-gen when stale.
# Sourced, not run.

SERRANO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# require_packages CMD:PACKAGE ... -- installs missing Debian packages when root, else says what to install.
require_packages() {
  local missing=()
  local pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing: ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  else
    echo "missing tools; install them with: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
}

require_java_maven() {
  require_packages java:default-jdk-headless mvn:maven
}

require_hdl_tools() {
  require_packages verilator:verilator iverilog:iverilog yosys:yosys nextpnr-ice40:nextpnr-ice40 g++:g++ make:make
}

# build_hdl_gen -- (re)builds hdl-gen and its runtime classpath when any source is newer than the last build.
build_hdl_gen() {
  local stamp="$SERRANO_ROOT/hdl-gen/target/serrano-build.stamp"
  if [ ! -f "$stamp" ] || [ -n "$(find "$SERRANO_ROOT/pom.xml" "$SERRANO_ROOT/hdl-gen/pom.xml" \
      "$SERRANO_ROOT/hdl-gen/src/main" -newer "$stamp" -print -quit)" ]; then
    local log
    log="$(mktemp)"
    if ! (cd "$SERRANO_ROOT" && mvn -B -ntp -pl hdl-gen -am install -DskipTests \
      && mvn -B -ntp -pl hdl-gen dependency:build-classpath \
           -Dmdep.outputFile="$SERRANO_ROOT/hdl-gen/target/runtime.classpath" -Dmdep.includeScope=runtime) \
      >"$log" 2>&1; then
      cat "$log" >&2
      rm -f "$log"
      echo "building hdl-gen failed (log above)" >&2
      exit 1
    fi
    rm -f "$log"
    touch "$stamp"
  fi
}

hdl_gen_classpath() {
  echo "$SERRANO_ROOT/hdl-gen/target/classes:$(cat "$SERRANO_ROOT/hdl-gen/target/runtime.classpath")"
}

# serrano ARGS... -- runs the command line.
serrano() {
  build_hdl_gen
  java -cp "$(hdl_gen_classpath)" dev.serrano.hdl.cli.SerranoCli "$@"
}

# run_testbench_main CLASS ARGS... -- builds hdl-gen and testbench, prints the machine and tools, runs a testbench main.
run_testbench_main() {
  local main="$1"
  shift
  cd "$SERRANO_ROOT"
  mvn -q -B -ntp ${MAVEN_OFFLINE:+-o} -pl hdl-gen,testbench -am install -DskipTests >/dev/null
  local classpath_file
  classpath_file="$(mktemp)"
  mvn -q -B -ntp ${MAVEN_OFFLINE:+-o} -pl testbench dependency:build-classpath -Dmdep.outputFile="$classpath_file" >/dev/null
  local classpath
  classpath="testbench/target/classes:$(cat "$classpath_file")"
  rm -f "$classpath_file"
  echo "machine: $(nproc) vCPU, $(lscpu | sed -n 's/^Model name: *//p'), $(java -version 2>&1 | head -1)"
  echo "tools: $(verilator --version), $(yosys -V), $(g++ --version | head -1)"
  echo "load before the run: $(cut -d" " -f1-3 /proc/loadavg) (other processes skew the figures on few vCPUs)"
  exec java -Xmx8g -cp "$classpath" "$main" "$@"
}
