"""The deploy group: ``feedwright deploy`` to an S3-compatible store, read back with an independent client.

The store is S3Proxy (in memory) run as a process of its own on 127.0.0.1, from the Maven artifacts the unit
tests use; the client is Debian's rclone, which shares no code with the AWS SDK the jar uploads with.
"""

import hashlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from harness import JAR, JAVA, OUT, ROOT, copy_sample_site, feedwright, free_port, spawn, stop, temp_dir, wait_until

RCLONE = "/usr/bin/rclone"
BUCKET = "feeds"
REGION = "us-east-1"
ACCESS, SECRET = "e2e-access", "e2e-secret"
MANIFEST = "feedwright-manifest.json"
PENDING = "feedwright-manifest.pending.json"
# The sample site.yml's server keys; every object but the records carries this.
CACHE_CONTROL = "public, max-age=300, s-maxage=300, stale-while-revalidate=60, stale-if-error=86400"
WORK = OUT / "deploy"
SITE = "site/"  # the sample site's prefix; the other checks use prefixes of their own


class S3Proxy:
    """S3Proxy on 127.0.0.1 at a free port, in memory; its log in target/e2e/deploy/s3proxy.log."""

    def __init__(self):
        WORK.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        conf = WORK / "s3proxy.conf"
        conf.write_text(f"s3proxy.endpoint=http://127.0.0.1:{self.port}\n"
                        "s3proxy.authorization=aws-v2-or-v4\n"
                        f"s3proxy.identity={ACCESS}\ns3proxy.credential={SECRET}\n"
                        "jclouds.provider=transient\njclouds.identity=unused\njclouds.credential=unused\n",
                        encoding="utf-8")
        self.log = open(WORK / "s3proxy.log", "w", encoding="utf-8")
        # S3Proxy sends System.err to its logger: slf4j-simple must then write to System.out, or it loops.
        self.proc = spawn([JAVA, "-Dorg.slf4j.simpleLogger.logFile=System.out", "-cp", classpath(),
                           "org.gaul.s3proxy.Main", "--properties", str(conf)],
                          stdout=self.log, stderr=subprocess.STDOUT, cwd=WORK)
        if not wait_until(self._listening, 90, 0.2):
            self.stop()
            raise RuntimeError(f"S3Proxy did not start; see {WORK / 's3proxy.log'}")
        self.endpoint = f"http://127.0.0.1:{self.port}"

    def _listening(self):
        if self.proc.poll() is not None:
            raise RuntimeError(f"S3Proxy exited with {self.proc.returncode}; see {WORK / 's3proxy.log'}")
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
            return True
        except OSError:
            return False

    def stop(self):
        stop(self.proc)
        self.log.close()


def classpath():
    """S3Proxy's class path: the test class path Maven resolves for pom.xml, cached under target/e2e/."""
    cached = WORK / "s3proxy.classpath"
    if not cached.exists() or cached.stat().st_mtime < (ROOT / "pom.xml").stat().st_mtime:
        base = ["mvn", "-q", "-B", "-ntp", "dependency:build-classpath", "-Dmdep.includeScope=test",
                f"-Dmdep.outputFile={cached}"]
        done = subprocess.run(base + ["-o"], cwd=ROOT, capture_output=True, text=True, timeout=300)
        if done.returncode != 0:  # an artifact not downloaded yet: once more, online
            subprocess.run(base, cwd=ROOT, capture_output=True, text=True, timeout=600, check=True)
    return cached.read_text(encoding="utf-8").strip()


class Store:
    """The bucket as rclone sees it, and deploy run with the jar against it."""

    def __init__(self, proxy):
        self.proxy = proxy
        WORK.mkdir(parents=True, exist_ok=True)
        empty = WORK / "rclone.conf"
        empty.write_text("", encoding="utf-8")
        # No CA bundle: the store is plain http, and rclone refuses a bundle with its own transport.
        self.rclone_env = {k: v for k, v in os.environ.items() if k != "AWS_CA_BUNDLE"}
        self.rclone_env.update({"RCLONE_CONFIG": str(empty), "RCLONE_CONFIG_E2E_TYPE": "s3",
                                "RCLONE_CONFIG_E2E_PROVIDER": "Other", "RCLONE_CONFIG_E2E_ENDPOINT": proxy.endpoint,
                                "RCLONE_CONFIG_E2E_ACCESS_KEY_ID": ACCESS,
                                "RCLONE_CONFIG_E2E_SECRET_ACCESS_KEY": SECRET, "RCLONE_CONFIG_E2E_REGION": REGION,
                                "RCLONE_CONFIG_E2E_FORCE_PATH_STYLE": "true"})
        # The SDK's standard ways only: credentials from the environment, nothing in site.yml.
        self.deploy_env = dict(os.environ, AWS_ACCESS_KEY_ID=ACCESS, AWS_SECRET_ACCESS_KEY=SECRET,
                               AWS_CONFIG_FILE=str(WORK / "no-aws-config"),
                               AWS_SHARED_CREDENTIALS_FILE=str(WORK / "no-aws-credentials"))
        self.rclone("mkdir", f"e2e:{BUCKET}")

    def rclone(self, *args, timeout=120):
        done = subprocess.run([RCLONE, *args], env=self.rclone_env, capture_output=True, timeout=timeout)
        if done.returncode != 0:
            raise RuntimeError(f"rclone {' '.join(args)}: exit {done.returncode}: {done.stderr.decode()[-800:]}")
        return done.stdout

    def listing(self, prefix=""):
        """Every object under ``prefix``, by name relative to it: rclone's size, MD5, upload time and headers."""
        entries = json.loads(self.rclone("lsjson", "-R", "-M", "--hash", "--files-only", f"e2e:{BUCKET}/{prefix}"))
        return {e["Path"]: e for e in entries}

    def quick(self, prefix=""):
        """One listing request: each object's MD5 (its S3 ETag) and upload time, by name relative to ``prefix``."""
        entries = json.loads(self.rclone("lsjson", "-R", "--hash", "--files-only", "--use-server-modtime",
                                         f"e2e:{BUCKET}/{prefix}"))
        return {e["Path"]: (e["Hashes"].get("md5"), e["ModTime"]) for e in entries}

    def cat(self, key):
        return self.rclone("cat", f"e2e:{BUCKET}/{key}")

    def args(self, site, *extra):
        return ["deploy", "--site", str(site), "--bucket", BUCKET, "--endpoint", self.proxy.endpoint, "--region",
                REGION, "--path-style", *map(str, extra)]

    def deploy(self, site, *extra):
        return feedwright(*self.args(site, *extra), timeout=300, env=self.deploy_env)


def files(folder):
    """Every file under ``folder`` by relative path (the bucket's object names), its bytes."""
    folder = Path(folder)
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def header_problems(listing, manifest, cache_control=CACHE_CONTROL):
    """Each object's headers against the manifest that says what they must be; the records' own."""
    problems = []
    for name, entry in sorted(listing.items()):
        meta = entry.get("Metadata", {})
        if "content-encoding" in meta:
            problems.append(f"{name}: Content-Encoding {meta['content-encoding']}")
        if name in (MANIFEST, PENDING):
            if meta.get("cache-control") != "no-cache" or meta.get("feedwright-cache-control") != cache_control:
                problems.append(f"{name}: {meta}")
            continue
        want = manifest["files"].get("/" + name)
        if want is None:
            problems.append(f"{name}: not in the manifest")
            continue
        # S3Proxy's Jetty drops the space before charset; AWS S3 keeps what was sent.
        got_type = meta.get("content-type", "").replace(";charset", "; charset")
        expected = {"content-type": want["contentType"], "cache-control": cache_control,
                    "feedwright-etag": want["etag"], "feedwright-last-modified": want.get("lastModified")}
        got = {"content-type": got_type, "cache-control": meta.get("cache-control"),
               "feedwright-etag": meta.get("feedwright-etag"),
               "feedwright-last-modified": meta.get("feedwright-last-modified")}
        if got != expected:
            problems.append(f"{name}: {got} != {expected}")
    return problems


def content_problems(listing, built, skip=()):
    """Objects whose name set or bytes (rclone's MD5 of the object) differ from the files of a build."""
    problems = []
    if set(listing) != set(built):
        problems.append(f"only in the bucket: {sorted(set(listing) - set(built))[:10]}; "
                        f"only in the build: {sorted(set(built) - set(listing))[:10]}")
    for name in sorted(set(listing) & set(built)):
        if name in skip:
            continue
        if listing[name]["Hashes"]["md5"] != hashlib.md5(built[name]).hexdigest() or \
                listing[name]["Size"] != len(built[name]):
            problems.append(f"{name}: bytes differ from the built file")
    return problems


def build(site, prefix):
    out = temp_dir(prefix)
    done = feedwright("build", "--site", site, "--out", out, timeout=180)
    if done.returncode != 0:
        raise RuntimeError(f"build failed: {done.stderr[-1500:]}")
    return out


def check_deploy(R, _root):
    if not Path(RCLONE).exists():
        R.add("deploy: rclone is installed", False, f"{RCLONE} missing: run e2e/install-deps as root")
        return
    proxy = S3Proxy()
    try:
        store = Store(proxy)
        check_sample(R, store)
        check_kill(R, store)
    finally:
        proxy.stop()


def check_sample(R, store):
    site = copy_sample_site("deploy")
    built = build(site, "deploy-built")
    first = store.deploy(site, "--prefix", SITE)
    listing = store.listing(SITE)
    manifest = json.loads((built / MANIFEST).read_bytes())
    wanted = files(built)
    problems = content_problems(listing, wanted) + header_problems(listing, manifest)
    R.add("deploy: every object of the sample site holds the built file (the manifest too), with Content-Type,"
          " Cache-Control and our ETag and Last-Modified as documented, no Content-Encoding",
          first.returncode == 0 and not problems and len(listing) == len(wanted),
          f"{len(listing)} objects, read back with rclone; {first.stdout.strip().splitlines()[-2:]}",
          "\n".join(problems[:30]) + first.stderr[-1500:])

    from_folder = store.deploy(site, "--from", built, "--prefix", "from-build/")
    from_listing = store.listing("from-build/")
    problems = content_problems(from_listing, wanted) + header_problems(from_listing, manifest)
    R.add("deploy --from the build's folder: the same objects, bytes and headers under its prefix",
          from_folder.returncode == 0 and not problems, f"{len(from_listing)} objects",
          "\n".join(problems[:30]) + from_folder.stderr[-1500:])

    time.sleep(1.1)  # S3's Last-Modified has one-second steps: an upload now would show
    second = store.deploy(site, "--prefix", SITE)
    again = store.listing(SITE)
    moved = [n for n in listing if again.get(n, {}).get("ModTime") != listing[n]["ModTime"]]
    R.add("deploy: a second deploy uploads nothing (every object keeps its upload time)",
          second.returncode == 0 and "Uploaded 0 objects" in second.stdout and not moved,
          next((line for line in second.stdout.splitlines() if line.startswith("Uploaded")), second.stdout[-300:]),
          f"re-uploaded: {moved[:20]}\n{second.stderr[-1500:]}")

    # A post with a tag of its own, deployed, then deleted: exactly its tag's objects go.
    post = site / "posts" / "2025-11-30-e2e-deploy-only.md"
    post.write_text('---\ntitle: "Deploy check"\ndate: 2025-11-30 09:00:00 +0900\ncategories: ["Markets"]\n'
                    'tags: ["デプロイ確認", "deploy-only"]\nexcerpt: e\n---\nA post that comes and goes.\n',
                    encoding="utf-8")
    with_post = build(site, "deploy-with")
    added = store.deploy(site, "--prefix", SITE)
    before = store.listing(SITE)
    post.unlink()
    without = build(site, "deploy-without")
    removed = store.deploy(site, "--prefix", SITE)
    after = store.listing(SITE)
    expected_gone = set(files(with_post)) - set(files(without))
    gone = set(before) - set(after)
    problems = content_problems(after, files(without), skip=(MANIFEST,)) + header_problems(
        after, json.loads(store.cat(SITE + MANIFEST)))
    R.add("deploy: after deleting a post, exactly the objects of the feeds that went away are deleted, the rest"
          " is the new build",
          added.returncode == 0 and removed.returncode == 0 and gone == expected_gone and len(gone) >= 8
          and not problems,
          f"{len(gone)} objects deleted ({', '.join(sorted(gone)[:3])} ...); "
          + next((line for line in removed.stdout.splitlines() if line.startswith("Uploaded")), ""),
          f"deleted {sorted(gone)}\nexpected {sorted(expected_gone)}\n" + "\n".join(problems[:20])
          + removed.stderr[-1000:])


def corpus(prefix, posts):
    d = temp_dir(prefix)
    subprocess.run([sys.executable, str(ROOT / "bench" / "gen_corpus.py"), "--posts", str(posts), "--seed", "13",
                    "--out", str(d)], check=True, capture_output=True, timeout=120)
    return d


def undated(listing, store, prefix):
    """A listing without what depends on the clock: each object's MD5 and headers but its Last-Modified, and
    the manifest as the paths and ETags it lists."""
    result = {}
    for name, entry in listing.items():
        meta = {k: v for k, v in entry.get("Metadata", {}).items()
                if k not in ("feedwright-last-modified", "btime", "mtime")}
        result[name] = (entry["Hashes"]["md5"], meta)
    if MANIFEST in listing:
        manifest = json.loads(store.cat(prefix + MANIFEST))
        result[MANIFEST] = sorted((path, f["etag"]) for path, f in manifest["files"].items())
    return result


def check_kill(R, store):
    """kill -9 twice during a deploy that rewrites every object and adds a tag, then run it to the end."""
    site = corpus("deploy-kill", 120)
    done = store.deploy(site, "--prefix", "killed/")
    if done.returncode != 0:
        R.add("deploy: kill -9 mid-deploy, then a rerun converges", False, "first deploy failed", done.stderr[-1500:])
        return
    old = store.quick("killed/")
    cfg = site / "feeds-config" / "site.yml"
    cfg.write_text(re.sub(r"(?m)^title: .*$", 'title: "Renamed, so every object changes"',
                          cfg.read_text(encoding="utf-8")), encoding="utf-8")
    (site / "posts" / "2025-12-01-kill-check.md").write_text(
        '---\ntitle: "Kill check"\ndate: 2025-12-01 09:00:00 +0900\ntags: ["kill-check"]\nexcerpt: e\n---\nBody.\n',
        encoding="utf-8")
    # What an uninterrupted deploy of the changed site gives; it adds paths and deletes none, so a first
    # deploy into a prefix of its own ends with the same objects as one after the earlier version.
    t0 = time.monotonic()
    reference = store.deploy(site, "--prefix", "reference/")
    full_seconds = time.monotonic() - t0
    new = store.quick("reference/")
    to_upload = {name for name, md5 in new.items() if old.get(name, (None,))[0] != md5[0]}

    def progress(listing):
        return sum(1 for name in to_upload if listing.get(name, (None,))[0] == new[name][0])

    kills = []
    for attempt in (1, 2):
        before = store.quick("killed/")
        proc = spawn([JAVA, "-jar", str(JAR), *store.args(site, "--prefix", "killed/")], env=store.deploy_env,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Kill once this run has stored something: the pending list first, then uploads.
        wait_until(lambda: proc.poll() is not None or any(
            entry[1] != before.get(name, (None, None))[1] for name, entry in store.quick("killed/").items()), 120, 0.1)
        time.sleep(0.1 * attempt)
        running = proc.poll() is None
        if running:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)
        stop(proc)
        left = store.quick("killed/")
        kills.append((running, PENDING in left and 0 < progress(left) < len(to_upload), progress(left)))
    rerun = store.deploy(site, "--prefix", "killed/")
    killed = store.listing("killed/")
    same = undated(killed, store, "killed/") == undated(store.listing("reference/"), store, "reference/")
    consistent = header_problems(killed, json.loads(store.cat("killed/" + MANIFEST)))
    mid = sum(1 for running, stopped_short, _ in kills if running and stopped_short)
    R.add("deploy: kill -9 mid-deploy (twice), then a rerun ends with the objects, bytes and headers of an"
          " uninterrupted deploy, no pending list left",
          reference.returncode == 0 and rerun.returncode == 0 and mid == len(kills) and same and not consistent
          and PENDING not in killed,
          f"{len(killed)} objects, {len(to_upload)} to upload (an uninterrupted deploy: {full_seconds:.1f} s); killed"
          f" with {', '.join(str(n) for _, _, n in kills)} of them uploaded ({mid}/{len(kills)} mid-deploy); "
          + next((line for line in rerun.stdout.splitlines() if line.startswith("Uploaded")), ""),
          f"same={same} header problems={consistent[:10]}\n{rerun.stderr[-1500:]}")
