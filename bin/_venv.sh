# Sourced by the bin/ scripts, each in its own shell: make sure .venv exists and matches
# requirements.lock, then put it first on PATH with the in-repo dbt profile.
# It sets no shell options and changes no directory, so it can never close or move the shell
# that sources it. People run bin/csc and bin/dbt rather than sourcing this file.
# Why a stamp file: re-installing on every run costs seconds; the stamp changes when the lock does.
_csc_venv() {
  local root venv python stamp want
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)" || return 1
  venv="$root/.venv"
  python="${PYTHON:-python3.11}"
  command -v "$python" >/dev/null 2>&1 || python=python3
  stamp="$venv/.lock-stamp"
  want="$(cat "$root/requirements.lock" "$root/pyproject.toml" | sha256sum | cut -d' ' -f1)" || return 1
  if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "Setting up $venv from requirements.lock (first run only)..." >&2
    "$python" -m venv "$venv" &&
      "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
        -r "$root/requirements.lock" >&2 &&
      "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps \
        -e "$root" >&2 &&
      echo "$want" > "$stamp" || { echo "Could not set up $venv." >&2; return 1; }
  fi
  export PATH="$venv/bin:$PATH"
  export DBT_PROFILES_DIR="$root"
  export DBT_SEND_ANONYMOUS_USAGE_STATS=false
  CSC_ROOT="$root"
}
_csc_venv
