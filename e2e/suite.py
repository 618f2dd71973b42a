"""Feedwright end-to-end suite: run by e2e/run (see e2e/README.md).

    /usr/bin/python3 e2e/suite.py [--only NAME[,NAME...]] [--load-seconds N] [--list]

Each check group prints PASS/FAIL rows as it goes; a summary table is printed at the end and the
exit status is 1 when any row failed (or a group crashed), else 0.
"""

import argparse
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402
from harness import JAR, OUT, Results  # noqa: E402

import clients  # noqa: E402
import load  # noqa: E402
import faults  # noqa: E402
import hostile_http  # noqa: E402
import hostile_posts  # noqa: E402
import locale_modes  # noqa: E402
import json_feed  # noqa: E402
import cors  # noqa: E402
import scheduled  # noqa: E402
import preview  # noqa: E402
import replicas  # noqa: E402
import nginx_copies  # noqa: E402
import deploy  # noqa: E402
import jekyll_switch  # noqa: E402
import websub  # noqa: E402
import websub_publish  # noqa: E402
import polite_polling  # noqa: E402
import archives  # noqa: E402

GROUPS = [
    ("feedparser", clients.check_feedparser),
    ("xmllint", clients.check_xmllint),
    ("curl", clients.check_curl),
    ("json-feed", json_feed.check_json_feed),
    ("chromium", clients.check_chromium),
    ("cors", cors.check_cors),
    ("preview", preview.check_preview),
    ("newsboat", clients.check_newsboat),
    ("load", load.check_load),
    ("churn", load.check_churn),
    ("kill-build", faults.check_kill_build),
    ("unreadable", faults.check_unreadable_posts),
    ("vanish", faults.check_posts_folder_vanishes),
    ("full-disk", faults.check_full_disk),
    ("hostile-requests", hostile_http.check_hostile_requests),
    ("hostile-posts", hostile_posts.check_hostile_posts),
    ("cron", locale_modes.check_cron),
    ("scheduled", scheduled.check_scheduled),
    ("replicas", replicas.check_replicas),
    ("nginx-copies", nginx_copies.check_nginx_copies),
    ("nginx-aliases", nginx_copies.check_nginx_aliases),
    ("deploy", deploy.check_deploy),
    ("jekyll-switch", jekyll_switch.check_jekyll_switch),
    ("websub", websub.check_websub),
    ("websub-publish", websub_publish.check_websub_publish),
    ("polite-polling", polite_polling.check_polite_polling),
    ("archives", archives.check_archives),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", default="", help="comma-separated group names")
    ap.add_argument("--load-seconds", type=int, default=30)
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args()
    if args.list:
        print("\n".join(name for name, _ in GROUPS))
        return 0
    if not JAR.exists():
        print(f"{JAR} is missing: build it first (mvn -B -ntp -q package -DskipTests)", file=sys.stderr)
        return 2
    harness.install_cleanup()
    harness.LOAD_SECONDS = args.load_seconds
    OUT.mkdir(parents=True, exist_ok=True)
    only = {s for s in args.only.split(",") if s}
    R = Results()
    t0 = time.monotonic()
    for name, fn in GROUPS:
        if only and name not in only:
            continue
        g0 = time.monotonic()
        print(f"== {name}", flush=True)
        try:
            fn(R, harness.ROOT)
        except Exception as e:  # noqa: BLE001 - a crashed group is a failed row
            R.add(f"{name}: group ran to completion", False, f"{type(e).__name__}: {e}", traceback.format_exc())
        print(f"   ({time.monotonic() - g0:.1f} s)", flush=True)
    total = time.monotonic() - t0
    print()
    print(R.table())
    failed = R.failed()
    print()
    print(f"e2e: {len(R.rows) - len(failed)} passed, {len(failed)} failed")
    print(f"e2e wall time: {total:.0f} s")
    (OUT / "summary.txt").write_text(R.table() + f"\n\n{len(R.rows) - len(failed)} passed, {len(failed)} failed"
                                     f"\nwall time {total:.0f} s\n", encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
