#!/usr/bin/env python3
"""duban's trust checks against the real binary (Python standard library only).

    scripts/harness.py durability --bin target/debug/duban [--pg-url postgres://…]
    scripts/harness.py backup     --bin target/debug/duban [--pg-url postgres://…]

durability: a fresh database (SQLite in a fresh data dir, or a new PostgreSQL database on the
  server of --pg-url), `duban serve` on 127.0.0.1, a bounded burst of report saves through the
  API from several threads, `kill -9` of the server in the middle of the burst, a restart, and
  a check that every write the server acknowledged (HTTP 200) is there with its value.
backup: the same set-up and some writes, then a backup and a restore into a new data dir /
  database — SQLite: `duban backup FILE`, copied as the new data dir's duban.db; PostgreSQL:
  `pg_dump -Fc` and `pg_restore` into a new database — and a check that the restored server
  gives the same dashboard and item list (API JSON) as the original.

two-servers (PostgreSQL only): two `duban serve` processes, each with its own data dir, on one
  database: a session made by logging in on one is accepted by the other, a write through
  one is read back through the other (both ways), and a logout on one ends the session on
  the other.

schemathesis: `duban demo --no-serve` into a fresh data dir / database, `duban serve` on
  127.0.0.1, a login as the demo's admin, and schemathesis (given by --schemathesis) against the
  server's /api/openapi.json with that session cookie and the same-origin headers: checks
  not_a_server_error and response_schema_conformance (where an operation documents a schema),
  bounded by --max-examples per operation. Login and logout are left out (they would end or
  rate-limit the session the run uses).

All run on SQLite always and on PostgreSQL when --pg-url is given. Exit status 0 = passed.
Only stable API paths are used: /api/v1/login, /api/v1/plans, /api/v1/items,
/api/v1/items/{id}, /api/v1/items/{id}/assign, /api/v1/items/{id}/reports, /api/v1/dashboard.
"""

import argparse
import glob
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = os.path.join(ROOT, "examples", "reports", "shancheng_2024.txt")
PASSWORD = "harness-passphrase-9"
UNIT = "区人社局"


def log(*a):
    print("harness:", *a, flush=True)


class Fail(Exception):
    pass


def pg_tool(name):
    found = shutil.which(name)
    if found:
        return found
    for p in sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True):
        return p
    raise Fail(f"{name} not found (install the PostgreSQL client tools)")


def pg_create(base_url, name):
    """Creates database `name` on the server of `base_url`; returns its URL."""
    subprocess.run([pg_tool("psql"), base_url, "-q", "-v", "ON_ERROR_STOP=1",
                    "-c", f"CREATE DATABASE {name}"], check=True, stdout=subprocess.DEVNULL)
    prefix = base_url.rsplit("/", 1)[0]
    return f"{prefix}/{name}"


class Duban:
    """One data directory and database URL; runs CLI commands and the server."""

    def __init__(self, binary, data_dir, url):
        self.bin, self.dir, self.url = binary, data_dir, url
        self.proc = None
        self.base = None
        self.log_path = os.path.join(data_dir, "serve.log")

    def env(self):
        e = dict(os.environ)
        e.update(DUBAN_DATA_DIR=self.dir, DUBAN_LOG="warn")
        e.pop("DUBAN_CONFIG", None)
        e.pop("DUBAN_LISTEN", None)
        if self.url:
            e["DUBAN_DATABASE_URL"] = self.url
        else:
            e.pop("DUBAN_DATABASE_URL", None)
        return e

    def cli(self, *args, stdin=None):
        r = subprocess.run([self.bin, *args], input=stdin, env=self.env(),
                           capture_output=True, text=True, timeout=300)
        if r.returncode != 0:
            raise Fail(f"duban {' '.join(args)} failed: {r.stderr.strip()}")
        return r.stdout

    def start(self):
        out = open(self.log_path, "a")
        self.proc = subprocess.Popen([self.bin, "serve", "--listen", "127.0.0.1:0"],
                                     env=self.env(), stdout=subprocess.PIPE, stderr=out,
                                     text=True)
        deadline = time.time() + 60
        line = ""
        while time.time() < deadline:
            line = self.proc.stdout.readline()
            m = re.search(r"http://(127\.0\.0\.1:\d+)/", line)
            if m:
                self.base = f"http://{m.group(1)}"
                return
            if self.proc.poll() is not None:
                break
        raise Fail(f"server did not start: {line!r}; see {self.log_path}")

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)
        self.proc = None

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.proc = None


class Client:
    """A logged-in API session (cookie kept by hand: no cookie jar quirks with 127.0.0.1)."""

    def __init__(self, base, username):
        self.base = base
        self.cookie = None
        status, body, headers = self.call("POST", "/api/v1/login",
                                          {"username": username, "password": PASSWORD})
        if status != 200:
            raise Fail(f"login {username}: {status} {body}")
        cookies = [v.split(";", 1)[0] for k, v in headers if k.lower() == "set-cookie"]
        self.cookie = "; ".join(cookies)

    def call(self, method, path, body=None, timeout=30):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Accept", "application/json")
        # What a browser on the same origin sends, so CSRF checks of any strictness pass.
        req.add_header("Origin", self.base)
        req.add_header("Sec-Fetch-Site", "same-origin")
        if data is not None:
            req.add_header("Content-Type", "application/json")
        if self.cookie:
            req.add_header("Cookie", self.cookie)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status, json.loads(r.read() or b"null"), r.getheaders()
        except urllib.error.HTTPError as e:
            raw = e.read()
            try:
                return e.code, json.loads(raw or b"null"), e.headers.items()
            except ValueError:
                return e.code, raw.decode(errors="replace"), e.headers.items()

    @classmethod
    def with_cookie(cls, base, cookie):
        """The same session, spoken to another server."""
        c = cls.__new__(cls)
        c.base, c.cookie = base, cookie
        return c

    def get(self, path):
        status, body, _ = self.call("GET", path)
        if status != 200:
            raise Fail(f"GET {path}: {status} {body}")
        return body


def set_up(d, n_items):
    """Plan, unit, a supervisor and a reporter; `n_items` items assigned to the unit."""
    d.cli("import", SEED, "--government", "山城区", "--year", "2024")
    d.cli("unit", "add", UNIT)
    d.cli("user", "add", "sup", "--role", "supervisor", stdin=PASSWORD + "\n")
    d.cli("user", "add", "rep", "--role", "reporter", "--unit", UNIT, stdin=PASSWORD + "\n")
    d.start()
    sup = Client(d.base, "sup")
    plan = sup.get("/api/v1/plans")[0]["id"]
    items = [i for i in sup.get(f"/api/v1/items?plan_id={plan}") if i.get("parent_id") is None]
    unit_id = None
    out = d.cli("unit", "list")
    for line in out.splitlines()[1:]:
        cols = line.split()
        if len(cols) >= 2 and cols[1] == UNIT:
            unit_id = int(cols[0])
    if unit_id is None:
        raise Fail(f"unit {UNIT} not listed: {out}")
    chosen = items[:n_items]
    for it in chosen:
        s, body, _ = sup.call("POST", f"/api/v1/items/{it['id']}/assign",
                              {"lead_unit_id": unit_id, "leader_name": "张华"})
        if s != 200:
            raise Fail(f"assign {it['id']}: {s} {body}")
    return plan, [it["id"] for it in chosen]


def report_values(client, item_ids):
    """{(item, period): value} of every report the client sees on the items."""
    got = {}
    for i in item_ids:
        for r in client.get(f"/api/v1/items/{i}")["reports"]:
            got[(i, r["period"])] = r["value"]
    return got


def durability(binary, url, work):
    d = Duban(binary, work, url)
    try:
        plan, item_ids = set_up(d, 8)
        rep = Client(d.base, "rep")
        # The burst: every item × month, each saved twice (an insert, then an update).
        jobs = [(i, f"2024-{m:02d}", k) for k in (1, 2) for m in range(1, 13) for i in item_ids]
        total = len(jobs)
        acked = {}
        later = {}
        lock = threading.Lock()
        sent = [0]
        n_acked = [0]
        killed = threading.Event()

        def worker(chunk):
            for item, period, k in chunk:
                if killed.is_set():
                    return
                value = round(random.uniform(1, 1000), 2) + k
                with lock:
                    sent[0] += 1
                    # Sent but maybe never answered: the server may have committed it.
                    later.setdefault((item, period), []).append(value)
                try:
                    s, body, _ = rep.call("POST", f"/api/v1/items/{item}/reports",
                                          {"period": period, "value": value,
                                           "progress": f"第{k}次保存", "submit": False},
                                          timeout=20)
                except (urllib.error.URLError, ConnectionError, OSError):
                    continue  # not acknowledged: the server died under it
                if s == 200:
                    with lock:
                        acked[(item, period)] = value
                        later[(item, period)] = []
                        n_acked[0] += 1
                elif not killed.is_set():
                    raise Fail(f"save {item} {period}: {s} {body}")

        chunks = [jobs[i::6] for i in range(6)]
        threads = [threading.Thread(target=worker, args=(c,)) for c in chunks]
        for t in threads:
            t.start()
        # Kill in the middle of the burst, while writes are in flight.
        while True:
            with lock:
                if sent[0] >= total * 6 // 10:
                    break
            time.sleep(0.005)
        d.kill9()
        killed.set()
        for t in threads:
            t.join()
        with lock:
            expected = dict(acked)
        log(f"burst: {sent[0]} of {total} saves sent, {n_acked[0]} acknowledged (on "
            f"{len(expected)} item-period pairs) before kill -9")
        if not expected:
            raise Fail("no write was acknowledged before the kill")
        d.start()
        got = report_values(Client(d.base, "rep"), item_ids)
        # Each pair holds its last acknowledged value, or a later one that was committed
        # but whose answer the kill cut off.
        lost = {k: v for k, v in expected.items()
                if got.get(k) != v and got.get(k) not in later.get(k, [])}
        if lost:
            raise Fail(f"{len(lost)} acknowledged writes lost or changed after kill -9: "
                       f"{sorted(lost.items())[:5]} (found {[got.get(k) for k in list(lost)[:5]]})")
        log(f"durability: all {len(expected)} acknowledged writes found after restart")
    finally:
        d.stop()


def two_servers(binary, url, work):
    a = Duban(binary, os.path.join(work, "a"), url)
    b = Duban(binary, os.path.join(work, "b"), url)
    os.makedirs(a.dir)
    os.makedirs(b.dir)
    try:
        plan, item_ids = set_up(a, 2)
        b.start()
        rep_a = Client(a.base, "rep")
        rep_b = Client.with_cookie(b.base, rep_a.cookie)
        me = rep_b.get("/api/v1/me")
        if me.get("username") != "rep":
            raise Fail(f"the session made on server A is not rep's on server B: {me}")
        log("two servers: a session made on A is accepted by B")
        for (writer, reader, item, value) in [(rep_a, rep_b, item_ids[0], 11.5),
                                              (rep_b, rep_a, item_ids[1], 22.5)]:
            s, body, _ = writer.call("POST", f"/api/v1/items/{item}/reports",
                                     {"period": "2024-03", "value": value,
                                      "progress": "两台服务器", "submit": False})
            if s != 200:
                raise Fail(f"save on {writer.base}: {s} {body}")
            got = report_values(reader, [item]).get((item, "2024-03"))
            if got != value:
                raise Fail(f"a write through {writer.base} reads {got!r} through {reader.base}")
        log("two servers: a write through either one is read through the other")
        s, body, _ = rep_a.call("POST", "/api/v1/logout", {})
        if s not in (200, 204):
            raise Fail(f"logout on A: {s} {body}")
        s, _, _ = rep_b.call("GET", "/api/v1/me")
        if s != 401:
            raise Fail(f"after logout on A, server B still accepts the session ({s})")
        log("two servers: a logout on A ends the session on B")
    finally:
        a.stop()
        b.stop()


def comparable(dash_or_items):
    return json.dumps(dash_or_items, sort_keys=True, ensure_ascii=False)


def backup(binary, url, pg_base, work):
    src = Duban(binary, os.path.join(work, "src"), url)
    os.makedirs(src.dir)
    restored = None
    try:
        plan, item_ids = set_up(src, 6)
        rep = Client(src.base, "rep")
        for n, i in enumerate(item_ids):
            for m in (1, 2, 3):
                s, body, _ = rep.call("POST", f"/api/v1/items/{i}/reports",
                                      {"period": f"2024-{m:02d}", "value": 10.0 * n + m,
                                       "progress": "进展", "submit": m == 3})
                if s != 200:
                    raise Fail(f"save: {s} {body}")
        dst_dir = os.path.join(work, "restored")
        os.makedirs(dst_dir)
        if url is None:
            # SQLite: a consistent copy while the server runs, then the file is the new
            # data dir's database (attachments: copy data_dir/attachments alongside).
            copy = os.path.join(work, "duban-backup.db")
            src.cli("backup", copy)
            shutil.copy(copy, os.path.join(dst_dir, "duban.db"))
            dst_url = None
        else:
            dump = os.path.join(work, "duban.dump")
            subprocess.run([pg_tool("pg_dump"), "-Fc", "-f", dump, url], check=True)
            dst_url = pg_create(pg_base, f"duban_restored_{os.getpid()}_{random.randrange(10**6)}")
            subprocess.run([pg_tool("pg_restore"), "--no-owner", "-d", dst_url, dump], check=True)
        restored = Duban(binary, dst_dir, dst_url)
        restored.start()
        a, b = Client(src.base, "sup"), Client(restored.base, "sup")
        for path in (f"/api/v1/dashboard?plan_id={plan}&period=2024-03",
                     f"/api/v1/items?plan_id={plan}"):
            x, y = a.get(path), b.get(path)
            if comparable(x) != comparable(y):
                raise Fail(f"restored {path} differs from the original")
            log(f"backup: {path} identical after restore ({len(comparable(x))} bytes of JSON)")
        if report_values(a, item_ids) != report_values(b, item_ids):
            raise Fail("restored reports differ")
    finally:
        src.stop()
        if restored:
            restored.stop()


DEMO_PASSWORD = "duban-demo"


def schemathesis(binary, url, work, st, max_examples):
    if url:
        # `duban demo` always writes SQLite; on PostgreSQL the plan, a unit with assigned items
        # and users come from the CLI as in the other checks.
        d = Duban(binary, work, url)
        set_up(d, 12)
        d.cli("user", "add", "adm", "--role", "admin", stdin=PASSWORD + "\n")
        user, password = "adm", PASSWORD
    else:
        Duban(binary, work, None).cli("demo", "--no-serve")
        d = Duban(binary, os.path.join(work, "demo"), None)
        d.start()
        user, password = "admin", DEMO_PASSWORD
    try:
        # The cookie and CSRF headers go on every request schemathesis makes.
        c = Client.__new__(Client)
        c.base, c.cookie = d.base, None
        status, body, headers = c.call("POST", "/api/v1/login",
                                       {"username": user, "password": password})
        if status != 200:
            raise Fail(f"login admin: {status} {body}")
        cookie = "; ".join(v.split(";", 1)[0] for k, v in headers if k.lower() == "set-cookie")
        c.cookie = cookie
        _, doc, _ = c.call("GET", "/api/openapi.json")
        schema = os.path.join(work, "openapi.json")
        with open(schema, "w") as f:
            json.dump(doc, f)
        ops = sum(len(v) for v in doc["paths"].values())
        log(f"schemathesis: {ops} operations in /api/openapi.json")
        cmd = [st, "run", schema, "--url", d.base,
               "-H", f"Cookie: {cookie}", "-H", f"Origin: {d.base}",
               "-H", "Sec-Fetch-Site: same-origin",
               "--checks", "not_a_server_error,response_schema_conformance",
               "--exclude-path", "/api/v1/login", "--exclude-path", "/api/v1/logout",
               "--max-examples", str(max_examples), "--seed", "9",
               "--phases", "examples,coverage,fuzzing",
               "--suppress-health-check", "all",
               "--request-timeout", "30", "--workers", "1", "--no-color"]
        r = subprocess.run([os.path.abspath(st)] + cmd[1:], cwd=work, timeout=900)
        if r.returncode != 0:
            with open(d.log_path, errors="replace") as f:
                tail = "".join(f.readlines()[-40:])
            raise Fail(f"schemathesis found failures (exit {r.returncode}); "
                       f"the server's log ends:\n{tail}")
    finally:
        d.stop()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("check", choices=["durability", "backup", "schemathesis", "two-servers"])
    ap.add_argument("--schemathesis", help="the schemathesis executable (schemathesis check)")
    ap.add_argument("--max-examples", type=int, default=15)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--pg-url", help="a PostgreSQL server to run the check on as well")
    a = ap.parse_args()
    backends = [("sqlite", None)] + ([("postgres", a.pg_url)] if a.pg_url else [])
    if a.check == "two-servers":
        # Several servers share a database only on PostgreSQL.
        if not a.pg_url:
            print("harness: two-servers needs --pg-url", file=sys.stderr)
            sys.exit(1)
        backends = backends[1:]
    for name, pg in backends:
        work = tempfile.mkdtemp(prefix=f"duban-{a.check}-")
        try:
            url = pg_create(pg, f"duban_h_{os.getpid()}_{random.randrange(10**6)}") if pg else None
            log(f"{a.check} on {name}")
            if a.check == "durability":
                durability(a.bin, url, work)
            elif a.check == "two-servers":
                two_servers(a.bin, url, work)
            elif a.check == "schemathesis":
                schemathesis(a.bin, url, work, a.schemathesis, a.max_examples)
            else:
                backup(a.bin, url, pg, work)
        except Fail as e:
            print(f"harness: FAILED ({a.check}, {name}): {e}", file=sys.stderr)
            sys.exit(1)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    log(f"{a.check}: passed on {', '.join(n for n, _ in backends)}")


if __name__ == "__main__":
    main()
