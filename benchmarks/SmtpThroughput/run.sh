#!/usr/bin/env bash
# Messages per second through the SMTP notifier to a local aiosmtpd server. Usage: run.sh [messages] [concurrency]
set -euo pipefail
cd "$(dirname "$0")"
dotnet run -c Release -- "$@"
