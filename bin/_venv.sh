# Sourced by bin/* scripts: make sure .venv exists and matches requirements.lock, then activate it.
# Why a stamp file: re-installing on every run costs seconds; the stamp changes when the lock does.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
python="${PYTHON:-python3.11}"
command -v "$python" >/dev/null 2>&1 || python=python3
stamp="$venv/.lock-stamp"
want="$(cat "$root/requirements.lock" "$root/pyproject.toml" | sha256sum | cut -d' ' -f1)"
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "Setting up $venv from requirements.lock (first run only)..." >&2
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$root/requirements.lock" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -e "$root" >&2
  echo "$want" > "$stamp"
fi
export PATH="$venv/bin:$PATH"
export DBT_PROFILES_DIR="$root"
export DBT_SEND_ANONYMOUS_USAGE_STATS=false
cd "$root"
