#!/usr/bin/env bash
# Start an Oxigraph SPARQL server for `graphbuilder build ... --store sparql:http://127.0.0.1:7878`.
#
#   scripts/oxigraph-server.sh [STORE_DIR] [HOST:PORT]
#
# STORE_DIR (default: oxigraph-data) keeps the data between runs; HOST:PORT defaults to
# 127.0.0.1:7878 (only this machine can reach it; bind 0.0.0.0:7878 to serve a network, and put
# an authenticating proxy in front: the server itself has no access control).
# Endpoints: /query (SPARQL query), /update (SPARQL update), /store (Graph Store Protocol).
# The `oxigraph` command comes from the `scale` extra: pip install 'graphbuilder[scale]'.
set -euo pipefail
dir="${1:-oxigraph-data}"
bind="${2:-127.0.0.1:7878}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli="$root/.venv/bin/oxigraph"
if [ ! -x "$cli" ]; then
  cli="$(command -v oxigraph || true)"
fi
if [ -z "$cli" ]; then
  echo "error: the oxigraph server is not installed; pip install 'graphbuilder[scale]'" >&2
  exit 1
fi
mkdir -p "$dir"
echo "Oxigraph on http://$bind (data in $dir); stop with Ctrl-C" >&2
exec "$cli" serve --location "$dir" --bind "$bind"
