#!/usr/bin/env python3
"""Renders benchmarks/RESULTS.md from a JMH JSON result file and the Facts JSON.

Called by benchmarks/run; can be re-run by hand on the files a run left in benchmarks/target:

  python3 benchmarks/render_results.py --mode full --settings "..." \
      --result benchmarks/target/jmh-result.json --facts benchmarks/target/facts.json \
      --target benchmarks/target --out benchmarks/RESULTS.md
"""
import argparse
import datetime
import json
import math
import os
import platform

PKG = "org.ipcbus.benchmarks."


# ---------------------------------------------------------------- reading the results

class Results:
    def __init__(self, entries):
        self.by_key = {}
        for entry in entries:
            name = entry["benchmark"]
            if name.startswith(PKG):
                name = name[len(PKG):]
            cls, method = name.rsplit(".", 1)
            params = tuple(sorted((entry.get("params") or {}).items()))
            self.by_key[(cls, method, params)] = entry

    def get(self, cls, method, **params):
        key = (cls, method, tuple(sorted((k, str(v)) for k, v in params.items())))
        return self.by_key.get(key)


def score(entry):
    return entry["primaryMetric"]["score"] if entry else None


def error(entry):
    if not entry:
        return None
    err = entry["primaryMetric"].get("scoreError")
    return err if isinstance(err, (int, float)) and math.isfinite(err) else None


def percentile(entry, p):
    if not entry:
        return None
    pct = entry["primaryMetric"].get("scorePercentiles") or {}
    for key, value in pct.items():
        if abs(float(key) - p) < 1e-9:
            return value
    return None


def alloc(entry):
    if not entry:
        return None
    metric = (entry.get("secondaryMetrics") or {}).get("gc.alloc.rate.norm")
    return metric["score"] if metric else None


# ---------------------------------------------------------------- formatting

def fmt_num(value, digits=3):
    if value is None:
        return "n/a"
    if value == 0:
        return "0"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    magnitude = int(math.floor(math.log10(abs(value))))
    decimals = max(0, digits - 1 - magnitude)
    return f"{value:.{decimals}f}"


def fmt_rate(entry):
    if not entry:
        return "n/a"
    text = fmt_num(score(entry))
    err = error(entry)
    if err is not None:
        text += f" ± {fmt_num(err, 2)}"
    return text


def fmt_bytes(value):
    if value is None:
        return "n/a"
    return f"{value:,.0f}"


def ratio(a, b):
    if a is None or b is None or b == 0:
        return None
    return a / b


def fmt_ratio(value):
    return "n/a" if value is None else f"{value:.2f}x"


class Targets:
    """Collects every target check for the summary table."""

    def __init__(self):
        self.rows = []

    def check(self, scenario, target, measured, passed, detail=""):
        verdict = "n/a" if passed is None else ("PASS" if passed else "MISS")
        self.rows.append((scenario, target, measured, verdict, detail))
        return verdict


def at_least(value, bound):
    return None if value is None else value >= bound


def at_most(value, bound):
    return None if value is None else value <= bound


def below(value, bound):
    return None if value is None else value < bound


# ---------------------------------------------------------------- machine

def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def ram():
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal"):
                    return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def os_name():
    name = platform.system()
    try:
        with open("/etc/os-release") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    name = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return f"{name}, kernel {platform.release()}"


def read_text(path):
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        return "n/a"


# ---------------------------------------------------------------- scenarios

def scenario1(res, targets, out):
    cls = "AsyncThroughputBenchmark"
    peers = [
        ("**ipcbus** `send` -> main listener", "ipcbus_send"),
        ("Felix EventAdmin 1.6.4 `postEvent` -> EventHandler", "eventAdmin_postEvent"),
        ("Vert.x 5.0.7 local EventBus `send` -> consumer", "vertx_send"),
        ("limit: ArrayBlockingQueue -> 1 consumer thread", "queue_limit"),
        ("(for reference) the same queue carrying a new message object per send", "queueEnvelope_limit"),
    ]
    out.append("## 1. Async throughput (messages/s, higher is better)\n")
    out.append("Sender threads send the Integer 4242; one consumer counts. Every peer has the same in-flight "
               "bound of 10 000 messages (ipcbus: its renderer queue; EventAdmin, Vert.x: a semaphore "
               "window; limit: the queue's capacity). All sending threads share one renderer. The "
               "reference row hands over what any bus must (a new object with the channel and a copy "
               "of the arguments, which the consumer reads); it has no target. main's CPU time per "
               "message is printed in the JMH log (`ipcbus-main: ... ns of CPU per message`).\n")
    out.append("| peer | 1 thread msg/s | 4 threads msg/s | B/op (1 t) | B/op (4 t) |")
    out.append("|---|---:|---:|---:|---:|")
    for label, method in peers:
        t1 = res.get(cls, method + "_t1")
        t4 = res.get(cls, method + "_t4")
        out.append(f"| {label} | {fmt_rate(t1)} | {fmt_rate(t4)} | {fmt_bytes(alloc(t1))} | {fmt_bytes(alloc(t4))} |")
    out.append("")
    out.append("| target | threads | measured | verdict |")
    out.append("|---|---:|---:|---|")
    for t in ("t1", "t4"):
        ipc = score(res.get(cls, "ipcbus_send_" + t))
        ea = score(res.get(cls, "eventAdmin_postEvent_" + t))
        q = score(res.get(cls, "queue_limit_" + t))
        vx = score(res.get(cls, "vertx_send_" + t))
        r_ea, r_q, r_vx = ratio(ipc, ea), ratio(ipc, q), ratio(ipc, vx)
        threads = t[1:]
        v1 = targets.check("1 async throughput", f"ipcbus >= 3x EventAdmin postEvent ({threads} thr)", fmt_ratio(r_ea), at_least(r_ea, 3))
        v2 = targets.check("1 async throughput", f"ipcbus >= 0.5x plain-queue limit ({threads} thr)", fmt_ratio(r_q), at_least(r_q, 0.5))
        out.append(f"| ipcbus / EventAdmin postEvent >= 3 | {threads} | {fmt_ratio(r_ea)} | {v1} |")
        out.append(f"| ipcbus / plain-queue limit >= 0.5 | {threads} | {fmt_ratio(r_q)} | {v2} |")
        v3 = targets.check("1 async throughput", f"ipcbus >= Vert.x local event bus send ({threads} thr)", fmt_ratio(r_vx), at_least(r_vx, 1))
        out.append(f"| ipcbus / Vert.x send >= 1 | {threads} | {fmt_ratio(r_vx)} | {v3} |")
    out.append("")


ROUND_TRIP_PEERS = [
    ("Felix EventAdmin `sendEvent` (handler writes a holder)", "SyncRoundTripBenchmark", "eventAdmin_sendEvent"),
    ("Vert.x `request` / `reply`", "SyncRoundTripBenchmark", "vertx_request"),
    ("limit: two-thread ping-pong (ArrayBlockingQueue)", "SyncRoundTripBenchmark", "queue_pingPong"),
    ("limit: direct method call", "SyncRoundTripBenchmark", "direct_call"),
]


def round_trip(res, targets, out, number, title, label, cls, method, scenario):
    out.append(f"## {number}. {title} (latency in µs, lower is better)\n")
    if number == 3:
        out.append("The peers are the same measurements as in scenario 2 (the same request and answer, "
                   "run once in this JMH run).\n")
    out.append("| peer | 1 t p50 | 1 t p99 | 4 t p50 | 4 t p99 | B/op (1 t) |")
    out.append("|---|---:|---:|---:|---:|---:|")
    rows = [(label, cls, method)] + ROUND_TRIP_PEERS
    for row_label, row_cls, row_method in rows:
        t1 = res.get(row_cls, row_method + "_t1")
        t4 = res.get(row_cls, row_method + "_t4")
        out.append(f"| {row_label} | {fmt_num(percentile(t1, 50))} | {fmt_num(percentile(t1, 99))} | "
                   f"{fmt_num(percentile(t4, 50))} | {fmt_num(percentile(t4, 99))} | {fmt_bytes(alloc(t1))} |")
    out.append("")
    out.append("| target | threads | measured | verdict |")
    out.append("|---|---:|---:|---|")
    for t in ("t1", "t4"):
        threads = t[1:]
        ipc = percentile(res.get(cls, method + "_" + t), 50)
        pp = percentile(res.get("SyncRoundTripBenchmark", "queue_pingPong_" + t), 50)
        vx = percentile(res.get("SyncRoundTripBenchmark", "vertx_request_" + t), 50)
        ea = percentile(res.get("SyncRoundTripBenchmark", "eventAdmin_sendEvent_" + t), 50)
        r_pp, r_vx, r_ea = ratio(ipc, pp), ratio(ipc, vx), ratio(ipc, ea)
        short = method.split("_")[1]
        v1 = targets.check(scenario, f"{short} p50 <= 2x ping-pong p50 ({threads} thr)", fmt_ratio(r_pp), at_most(r_pp, 2))
        v2 = targets.check(scenario, f"{short} p50 < Vert.x request p50 ({threads} thr)", fmt_ratio(r_vx), below(r_vx, 1))
        out.append(f"| {short} p50 / ping-pong p50 <= 2 | {threads} | {fmt_ratio(r_pp)} | {v1} |")
        out.append(f"| {short} p50 / Vert.x request p50 < 1 | {threads} | {fmt_ratio(r_vx)} | {v2} |")
        v3 = targets.check(scenario, f"{short} p50 <= EventAdmin sendEvent p50 ({threads} thr)", fmt_ratio(r_ea), at_most(r_ea, 1))
        out.append(f"| {short} p50 / EventAdmin sendEvent p50 <= 1 | {threads} | {fmt_ratio(r_ea)} | {v3} |")
    out.append("")


def scenario4(res, facts, targets, out):
    cls = "PayloadBenchmark"
    heap = {(p["kind"], int(p["size"])): p for p in facts.get("payloads", [])}
    kinds = ["map", "list", "bytes"]
    sizes = [1024, 65536, 1048576]
    size_label = {1024: "1 KB", 65536: "64 KB", 1048576: "1 MB"}
    out.append("## 4. Payload cost (one sending thread)\n")
    out.append("Payloads: `map` = LinkedHashMap of rows, each a LinkedHashMap {id: Long, name: String, score: Double, "
               "active: Boolean}; `list` = ArrayList of Long / Double / String; `bytes` = one byte[]. "
               "*Heap* is the payload's measured size on the heap (bytes allocated to build it). "
               "`send` is the sender's side (clone + enqueue; main's queue holds 16); `invoke` is the round trip "
               "(the handler answers with an Integer). Allocation is JMH `-prof gc` `gc.alloc.rate.norm`: bytes "
               "allocated per operation by all threads, main's dispatch thread included.\n")
    out.append("### Time per operation (µs, lower is better)\n")
    out.append("| payload | heap B | send | invoke | clone alone | plain copy | clone / plain |")
    out.append("|---|---:|---:|---:|---:|---:|---:|")
    for kind in kinds:
        for size in sizes:
            e = {m: res.get(cls, m, kind=kind, size=size) for m in ("ipcbus_send", "ipcbus_invoke", "clone_only", "plain_copy")}
            h = heap.get((kind, size), {}).get("heapBytes")
            r = ratio(score(e["clone_only"]), score(e["plain_copy"]))
            out.append(f"| {kind} {size_label[size]} | {fmt_bytes(h)} | {fmt_num(score(e['ipcbus_send']))} | "
                       f"{fmt_num(score(e['ipcbus_invoke']))} | {fmt_num(score(e['clone_only']))} | "
                       f"{fmt_num(score(e['plain_copy']))} | {fmt_ratio(r)} |")
    out.append("")
    out.append("### Bytes allocated per operation (and as a multiple of the payload's heap size)\n")
    out.append("| payload | heap B | send | invoke | clone alone | plain copy |")
    out.append("|---|---:|---:|---:|---:|---:|")
    worst = []
    for kind in kinds:
        for size in sizes:
            h = heap.get((kind, size), {}).get("heapBytes")
            cells = []
            for m in ("ipcbus_send", "ipcbus_invoke", "clone_only", "plain_copy"):
                a = alloc(res.get(cls, m, kind=kind, size=size))
                r = ratio(a, h)
                if m != "plain_copy" and r is not None:
                    worst.append((r, m, kind, size))
                mark = " **MISS**" if (m != "plain_copy" and r is not None and r > 2) else ""
                cells.append(f"{fmt_bytes(a)} ({fmt_ratio(r)}){mark}")
            out.append(f"| {kind} {size_label[size]} | {fmt_bytes(h)} | " + " | ".join(cells) + " |")
    out.append("")
    out.append("| target | measured | verdict |")
    out.append("|---|---:|---|")
    for kind in kinds:
        r = ratio(score(res.get(cls, "clone_only", kind=kind, size=65536)),
                  score(res.get(cls, "plain_copy", kind=kind, size=65536)))
        v = targets.check("4 payload", f"clone of 64 KB {kind} <= 2x plain deep copy", fmt_ratio(r), at_most(r, 2))
        out.append(f"| clone 64 KB {kind} / plain copy <= 2 | {fmt_ratio(r)} | {v} |")
    if worst:
        worst.sort(reverse=True)
        misses = [w for w in worst if w[0] > 2]
        top = worst[0]
        detail = f"worst: {top[1]} {top[2]} {size_label[top[3]]}"
        v = targets.check("4 payload", "every payload path (send, invoke, clone) allocates <= 2x the payload",
                          f"max {fmt_ratio(top[0])}", not misses, detail)
        out.append(f"| max allocation / payload heap size <= 2 over send, invoke, clone ({detail}) | "
                   f"{fmt_ratio(top[0])} | {v} |")
        for r, m, kind, size in misses:
            out.append(f"| over 2x: {m} {kind} {size_label[size]} | {fmt_ratio(r)} | MISS |")
    out.append("")


def scenario5(res, facts, targets, out):
    cls = "FanOutBenchmark"
    out.append("## 5. Fan-out: main `webContents.send` to N renderers (one sending thread)\n")
    out.append("One operation = one message sent to each of N renderers; each renderer has a listener that counts. "
               "The renderers share the bus's pool of about one thread per core.\n")
    out.append("| renderers | broadcasts/s | deliveries/s | B per broadcast | B per delivery |")
    out.append("|---:|---:|---:|---:|---:|")
    deliveries = {}
    for n in (1, 16, 256, 1000, 10000):
        e = res.get(cls, "ipcbus_webContents_send", renderers=n)
        s = score(e)
        a = alloc(e)
        deliveries[n] = None if s is None else s * n
        out.append(f"| {n} | {fmt_rate(e)} | {fmt_num(deliveries[n])} | {fmt_bytes(a)} | "
                   f"{fmt_bytes(None if a is None else a / n)} |")
    out.append("")
    d1000 = deliveries.get(1000)
    spread_values = [deliveries[n] for n in (16, 256, 1000, 10000) if deliveries.get(n)]
    spread = max(spread_values) / min(spread_values) if len(spread_values) == 4 else None
    v1 = targets.check("5 fan-out", "1,000 renderers >= 1,000,000 deliveries/s", fmt_num(d1000),
                       at_least(d1000, 1_000_000))
    v2 = targets.check("5 fan-out", "deliveries/s within 2x from 16 to 10,000 renderers (max / min)",
                       fmt_ratio(spread), at_most(spread, 2))
    idle = facts.get("idleRenderers", {})
    threads = idle.get("busThreadsAlive")
    cores = idle.get("cores")
    per = idle.get("heapBytesPerRenderer")
    v3 = targets.check("5 fan-out", "10,000 listening renderers: ipcbus threads <= cores + 8",
                       f"{threads} threads ({cores} cores)",
                       None if threads is None or cores is None else threads <= cores + 8)
    v4 = targets.check("5 fan-out", "heap per idle renderer < 4 KB", fmt_bytes(per), below(per, 4096))
    out.append("| target | measured | verdict |")
    out.append("|---|---:|---|")
    out.append(f"| 1,000 renderers >= 1,000,000 deliveries/s | {fmt_num(d1000)} | {v1} |")
    out.append(f"| deliveries/s max / min over 16 .. 10,000 renderers <= 2 | {fmt_ratio(spread)} | {v2} |")
    out.append(f"| {idle.get('renderers', 'n/a')} renderers with a listener each (`Facts`): ipcbus threads "
               f"<= cores + 8 | {threads} ({cores} cores) | {v3} |")
    out.append(f"| heap per idle renderer (used heap after GC, before and after, / renderers) < 4 KB | "
               f"{fmt_bytes(per)} | {v4} |")
    out.append("")


def scenario7(res, out):
    cls = "PortBenchmark"
    if not any(key[0] == cls for key in res.by_key):
        return
    out.append("## 7. Renderer to renderer: a MessagePort vs through main\n")
    out.append("Two renderers of one bus. Over a port main set up and left; through main: A `send`s to main, "
               "main's listener forwards with `webContents.send` to B, and back the same way.\n")
    out.append("| path | round trip p50 (µs) | p90 | p99 | p99.9 | B/op |")
    out.append("|---|---:|---:|---:|---:|---:|")
    out.append(latency_row("**port** (`port.postMessage`, B echoes on its port)", res.get(cls, "port_roundtrip")))
    out.append(latency_row("through main (`send` -> main forwards -> `send` back)", res.get(cls, "throughMain_roundtrip")))
    out.append("")
    out.append("| path | one way, batches of 1,000: msgs/s |")
    out.append("|---|---:|")
    out.append(f"| **port** | {fmt_rate(res.get(cls, 'port_oneway_batch'))} |")
    out.append(f"| through main | {fmt_rate(res.get(cls, 'throughMain_oneway_batch'))} |")
    idle = res.get(cls, "port_roundtrip_mainIdle")
    cpu = ((idle or {}).get("secondaryMetrics") or {}).get("mainCpuNanos")
    out.append("")
    out.append(f"CPU time of main's dispatch thread per measured iteration of port round trips "
               f"(`port_roundtrip_mainIdle`, counter `mainCpuNanos`; -1 if the thread was not found): "
               f"**{fmt_num(cpu['score'] if cpu else None)} ns**.\n")


def structural(facts, targets, out):
    out.append("## Structure: locks while user code runs, threads per message\n")
    locks = facts.get("locksInListeners", {})
    out.append("Read with `ThreadMXBean.getThreadInfo(..., lockedMonitors, lockedSynchronizers)` inside each "
               "listener or handler (`Facts` main class).\n")
    out.append("| delivery | calls checked | monitors / locks held |")
    out.append("|---|---:|---|")
    any_held = False
    for path, entry in locks.items():
        held = entry.get("locksHeld", [])
        any_held = any_held or bool(held)
        out.append(f"| {path} | {entry.get('calls')} | {', '.join(held) if held else 'none'} |")
    v = targets.check("structure", "no lock held while a user listener runs",
                      "none held" if not any_held else "locks held", (not any_held) if locks else None)
    out.append("")
    threads = facts.get("threadsPerMessage", {})
    started = threads.get("threadsStartedDuring")
    out.append(f"Threads started while {threads.get('messagesPerKind', 'n/a'):,} messages of each kind "
               f"({', '.join(threads.get('kinds', []))}) went through a warmed-up bus with "
               f"{threads.get('renderers', 'n/a')} renderers: **{started}**; bus threads alive: "
               f"{threads.get('busThreadsAlive', 'n/a')} (one main dispatch thread, one timer, and the renderers' "
               f"pool of about one thread per core).\n")
    v2 = targets.check("structure", "no thread per message", f"{started} threads started", None if started is None else started == 0)
    out.append(f"| target | verdict |\n|---|---|\n| no lock held while a user listener runs | {v} |\n"
               f"| no thread per message | {v2} |\n")


# ---------------------------------------------------------------- scenario 6: renderer processes

CROSS_BEGIN = "<!-- scenario 6: begin (replaced by BENCH_CROSS=1 benchmarks/run) -->"
CROSS_END = "<!-- scenario 6: end -->"
RAW = "process.RawSocketBenchmark"
MAIN_SIDE = "process.MainToChildBenchmark"
CHILD_SIDE = "process.ChildToMainBenchmark"
SPIN = 50  # the read.spin.us that ChildToMainBenchmark measures besides 0
START = "process.ChildStartBenchmark"
GIB24_KIB = 24 * 1024 * 1024
ELECTRON = ("Electron, published: renderer -> main -> renderer round trip, measured on another machine "
            "(no ratio is claimed)", "130-210")


def has_cross(res):
    return any(key[0].startswith("process.") for key in res.by_key)


def latency_row(label, entry):
    return (f"| {label} | {fmt_num(percentile(entry, 50))} | {fmt_num(percentile(entry, 90))} | "
            f"{fmt_num(percentile(entry, 99))} | {fmt_num(percentile(entry, 99.9))} | {fmt_bytes(alloc(entry))} |")


def best(entries):
    """The entry with the lowest p50 (latency) among those present, and its label."""
    present = [(percentile(e, 50), label, e) for label, e in entries if percentile(e, 50) is not None]
    return min(present, key=lambda t: t[0]) if present else (None, None, None)


def best_rate(entries):
    present = [(score(e), label, e) for label, e in entries if score(e) is not None]
    return max(present, key=lambda t: t[0]) if present else (None, None, None)


def median(values):
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def cross_section(res, pfacts, args, out):
    """Scenario 6 with its own run table and targets; between markers, so that a cross-only run can
    replace it in RESULTS.md."""
    targets = Targets()
    raw_pp = [(f"spin {s} µs", res.get(RAW, "raw_pingPong", spinMicros=s)) for s in (0, 10, 50)]
    raw_st = [(f"reader spin {s} µs", res.get(RAW, "raw_stream", readerSpinMicros=s)) for s in (0, 50)]
    wire_pp = res.get(RAW, "wire_pingPong")
    wire_direct = res.get(RAW, "wire_pingPong_noOutbox")
    wire_st = res.get(RAW, "wire_stream")
    mcm = res.get(MAIN_SIDE, "ipcbus_mainChildMain")
    flood = res.get(MAIN_SIDE, "ipcbus_childFlood")
    # The child side runs with read.spin.us 0 (the default) and 50 (both readers spin).
    sync = res.get(CHILD_SIDE, "ipcbus_sendSync", readSpinMicros=0)
    invoke = res.get(CHILD_SIDE, "ipcbus_invoke", readSpinMicros=0)
    cmc = res.get(CHILD_SIDE, "ipcbus_childMainChild", readSpinMicros=0)
    spun = {m: res.get(CHILD_SIDE, m, readSpinMicros=SPIN)
            for m in ("ipcbus_sendSync", "ipcbus_invoke", "ipcbus_childMainChild")}
    start = res.get(START, "ipcbus_childStart_toFirstMessage")
    first = next((e for e in [mcm, flood, sync, start] + [e for _, e in raw_pp] if e), {})

    out.append(CROSS_BEGIN)
    out.append("## 6. Renderer processes: across a Unix domain socket\n")
    out.append("Two JVMs on this machine and one Unix domain socket between them. Every frame carries the same "
               "16-byte body: the raw limits send the bytes of the ipcbus SEND frame `[6, 1, \"bench/tp\", [4242]]`, "
               "and ipcbus sends `4242` on 8-character channels (frame bodies below). *Main side*: the JMH JVM is main "
               "(the plain-Java bus and `RendererProcesses`), the child a renderer process it launched "
               "(`ipcbus-renderer-host.jar` with `benchmarks/child-bundle`). *Child side*: the JMH JVM is the renderer "
               "process (the renderer host bundle from that jar in a Felix framework, connected as a launched child "
               "connects) and main runs in a forked JVM. B/op counts the JMH JVM only. See README.md for the design.\n")
    out.append("| | |\n|---|---|")
    out.append(f"| date (UTC) | {read_text(os.path.join(args.target, 'started.txt'))} |")
    out.append(f"| ipcbus measured | {read_text(os.path.join(args.target, 'ipcbus-version.txt'))} |")
    out.append(f"| JDK | {first.get('vmName', '?')} {first.get('jdkVersion', '?')} |")
    out.append(f"| JMH | {first.get('jmhVersion', '?')}, mode {args.mode}: `{args.settings}`; fork JVM args "
               f"`{' '.join(first.get('jvmArgs', []))}`; forked peers `-Xms256m -Xmx256m -XX:+AlwaysPreTouch`; "
               f"renderer processes `{pfacts.get('childVmOptions', '-Xmx256m -XX:+ExitOnOutOfMemoryError')}` |")
    out.append(f"| load average before / after JMH / after the process facts | "
               f"{read_text(os.path.join(args.target, 'loadavg-start.txt'))} / "
               f"{read_text(os.path.join(args.target, 'loadavg-end.txt'))} / "
               f"{read_text(os.path.join(args.target, 'loadavg-facts-end.txt'))} |")
    out.append("")

    out.append("### Round trips (latency in µs, lower is better)\n")
    out.append("| path | p50 | p90 | p99 | p99.9 | B/op |")
    out.append("|---|---:|---:|---:|---:|---:|")
    for label, entry in raw_pp:
        out.append(latency_row(f"limit: raw socket ping-pong, plain JDK, {label} before parking (both sides)", entry))
    out.append(latency_row("wire classes ping-pong, no outbox (`FrameWriter` + `FrameReader` on the calling thread, both sides)", wire_direct))
    out.append(latency_row("wire classes ping-pong (`FrameOutbox` writer thread + `FrameReader`, both sides)", wire_pp))
    out.append(latency_row("**ipcbus** main -> child -> main: `webContents.send`, the child's listener `send`s back", mcm))
    out.append(latency_row("**ipcbus** child `sendSync` (main's listener sets returnValue)", sync))
    out.append(latency_row("**ipcbus** child `invoke(...).getValue()` (main's handler returns)", invoke))
    out.append(latency_row("**ipcbus** child -> main -> child: `send`, main's `event.reply`, the child's listener", cmc))
    out.append(latency_row(f"**ipcbus** child `sendSync`, `read.spin.us` {SPIN}", spun["ipcbus_sendSync"]))
    out.append(latency_row(f"**ipcbus** child `invoke(...).getValue()`, `read.spin.us` {SPIN}", spun["ipcbus_invoke"]))
    out.append(latency_row(f"**ipcbus** child -> main -> child, `read.spin.us` {SPIN}", spun["ipcbus_childMainChild"]))
    out.append(f"| {ELECTRON[0]} | {ELECTRON[1]} | | | | |")
    out.append("")

    out.append("### Streams (messages/s, higher is better)\n")
    out.append("| path | msgs/s | B/op |")
    out.append("|---|---:|---:|")
    for label, entry in raw_st:
        out.append(f"| limit: raw framed stream, plain JDK, 256 frames per gathering write, {label} | "
                   f"{fmt_rate(entry)} | {fmt_bytes(alloc(entry))} |")
    out.append(f"| wire classes stream (`FrameOutbox.postBounded` -> `FrameReader`) | {fmt_rate(wire_st)} | "
               f"{fmt_bytes(alloc(wire_st))} |")
    out.append(f"| **ipcbus** child floods `send`, main's listener counts (20 000 per ask) | {fmt_rate(flood)} | "
               f"{fmt_bytes(alloc(flood))} |")
    out.append("")

    frames = pfacts.get("frames", {})
    if frames:
        out.append("Frame bodies (bytes; each frame adds the 4-byte length): " +
                   "; ".join(f"{k} **{v}**" for k, v in frames.items()) + ".\n")

    out.append("### Layers: where a round trip's time goes (p50, µs)\n")
    raw0 = percentile(raw_pp[0][1], 50)
    direct = percentile(wire_direct, 50)
    wire = percentile(wire_pp, 50)
    rows = [
        ("two socket hops, the peer parked in read (raw ping-pong, spin 0)", raw0, None),
        ("+ ipcbus's framing on the calling threads: heap buffers, JDK copies (wire, no outbox)", direct, raw0),
        ("(a hand-off to the outbox's writer thread on each side, which calls and replies no longer "
         "take: wire ping-pong)", wire, direct),
        ("+ codec, clone, the call table, main's dispatch thread and the caller's wake-up (ipcbus sendSync)",
         percentile(sync, 50), direct),
        ("the same with a Promise (ipcbus invoke)", percentile(invoke, 50), direct),
    ]
    out.append("Each row is its own benchmark, run at another moment of the run: on a loaded 2-core machine a "
               "difference of a few µs between rows is noise.\n")
    out.append("| layer | p50 | added |")
    out.append("|---|---:|---:|")
    for label, value, base in rows:
        added = None if value is None or base is None else value - base
        out.append(f"| {label} | {fmt_num(value)} | {'' if base is None else fmt_num(added)} |")
    out.append("")

    out.append("### Child processes: start and memory\n")
    if start:
        pct = start["primaryMetric"].get("scorePercentiles") or {}
        n = len([v for fork in start["primaryMetric"].get("rawData", []) for v in fork])
        out.append(f"Launch to main's first message from the child's renderer bundle (JMH SingleShotTime, {n} launches, "
                   f"ms): mean **{fmt_num(score(start))}** ± {fmt_num(error(start), 2)}, min {fmt_num(pct.get('0.0'))}, "
                   f"max {fmt_num(pct.get('100.0'))}.\n")
    children = pfacts.get("children", [])
    if children:
        out.append(f"`ProcessFacts`: {len(children)} renderer processes launched one after the other and kept running; "
                   "memory read after 5 s idle (heartbeats only), from `/proc/<pid>/status` and `smaps_rollup` "
                   "(Pss divides shared pages among the processes mapping them).\n")
        out.append("| child | launch -> connected ms | launch -> first message ms | VmRSS MiB | VmHWM MiB | RssAnon MiB | RssFile MiB | Pss MiB |")
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|")
        for i, c in enumerate(children):
            mib = lambda k: fmt_num(c.get(k) / 1024 if c.get(k) is not None else None)
            out.append(f"| {i + 1} | {fmt_num(c.get('launchToConnectedMillis'))} | {fmt_num(c.get('launchToFirstMessageMillis'))} | "
                       f"{mib('VmRSSKiB')} | {mib('VmHWMKiB')} | {mib('RssAnonKiB')} | {mib('RssFileKiB')} | {mib('PssKiB')} |")
        after = pfacts.get("afterLoad", {})
        if after:
            mib = lambda k: fmt_num(after.get(k) / 1024 if after.get(k) is not None else None)
            out.append(f"| 1 after load | | | {mib('VmRSSKiB')} | {mib('VmHWMKiB')} | {mib('RssAnonKiB')} | "
                       f"{mib('RssFileKiB')} | {mib('PssKiB')} |")
        out.append("")
        rss = median([c.get("VmRSSKiB") for c in children])
        pss = median([c.get("PssKiB") for c in children])
        loaded = after.get("VmRSSKiB")
        out.append("*After load*: child 1 again after 10 000 round trips and a flood of 200 000 sends, then 5 s idle: "
                   "the heap it grew to is kept (the JVM gives memory back only slowly), up to its `-Xmx256m` "
                   "plus the JVM's own.\n")
        out.append("| children that fit in 24 GiB | by | count |")
        out.append("|---|---|---:|")
        if rss:
            out.append(f"| idle | median VmRSS {fmt_num(rss / 1024)} MiB | **{int(GIB24_KIB // rss):,}** |")
        if pss:
            out.append(f"| idle | median Pss {fmt_num(pss / 1024)} MiB | {int(GIB24_KIB // pss):,} |")
        if loaded:
            out.append(f"| after load | VmRSS {fmt_num(loaded / 1024)} MiB | {int(GIB24_KIB // loaded):,} |")
        out.append("")

    out.append("### Targets of scenario 6\n")
    base_pp, base_st = percentile(raw_pp[0][1], 50), score(raw_st[0][1])
    best_pp, best_pp_label, _ = best(raw_pp)
    out.append(f"The baselines are the raw benchmarks as the issue defines them, a blocking SocketChannel on both "
               f"sides (no spin): ping-pong p50 {fmt_num(base_pp)} µs, stream {fmt_num(base_st)} msgs/s. The spin "
               f"variants are the experiment the issue asked for; the ratio to the fastest of them "
               f"({best_pp_label}, {fmt_num(best_pp)} µs) is shown for information.\n")
    def spin_verdict(r, lower_is_better):
        if r is None:
            return "n/a"
        gain = r < 0.9 if lower_is_better else r > 1.1
        loss = r > 1.1 if lower_is_better else r < 0.9
        return "pays" if gain else "costs" if loss else "no difference"

    def entry_of(label, sync_entry, invoke_entry):
        return sync_entry if label == "sendSync" else invoke_entry

    out.append("| target | measured | verdict |")
    out.append("|---|---:|---|")
    for label, entry in (("sendSync", sync), ("invoke", invoke)):
        r = ratio(percentile(entry, 50), base_pp)
        v = targets.check("6", f"cross-process {label} p50 <= 2x raw ping-pong p50", fmt_ratio(r), at_most(r, 2))
        out.append(f"| cross-process {label} p50 / raw ping-pong p50 <= 2 | {fmt_ratio(r)} "
                   f"({fmt_num(percentile(entry, 50))} / {fmt_num(base_pp)} µs) | {v} |")
    r = ratio(score(flood), base_st)
    v = targets.check("6", "cross-process async send >= 0.5x raw framed stream", fmt_ratio(r), at_least(r, 0.5))
    out.append(f"| async send from one child / raw framed stream >= 0.5 | {fmt_ratio(r)} "
               f"({fmt_num(score(flood))} / {fmt_num(base_st)}) | {v} |")
    v = targets.check("6", "async send >= 500,000 msg/s from one child", fmt_num(score(flood)), at_least(score(flood), 500_000))
    low = None if score(flood) is None or error(flood) is None else score(flood) - error(flood)
    out.append(f"| async send from one child >= 500,000 msg/s | {fmt_rate(flood)} | {v}"
               f"{' (the lower end of the 99.9% interval, ' + fmt_num(low) + ', is below)' if low is not None and low < 500_000 and v == 'PASS' else ''} |")
    for label in ("sendSync", "invoke"):
        r = ratio(percentile(spun["ipcbus_" + label], 50), percentile(entry_of(label, sync, invoke), 50))
        out.append(f"| (info) does `read.spin.us` {SPIN} pay? {label} p50 with it / without | {fmt_ratio(r)} | "
                   f"{spin_verdict(r, True)} |")
    for label, entry in (("sendSync", sync), ("invoke", invoke)):
        r = ratio(percentile(entry, 50), best_pp)
        out.append(f"| (info) {label} p50 / the fastest raw ping-pong ({best_pp_label}) | {fmt_ratio(r)} | |")


    for label, entry in raw_pp[1:]:
        r = ratio(percentile(entry, 50), base_pp)
        out.append(f"| (info) does a spin pay? raw ping-pong p50 with {label} / without | {fmt_ratio(r)} | "
                   f"{spin_verdict(r, True)} |")
    r = ratio(score(raw_st[1][1]), base_st)
    out.append(f"| (info) does a spin pay? raw stream rate with {raw_st[1][0]} / without | {fmt_ratio(r)} | "
               f"{spin_verdict(r, False)} |")
    passed = sum(1 for row in targets.rows if row[3] == "PASS")
    out.append(f"\n{passed} of {len(targets.rows)} targets of scenario 6 reached.\n")
    out.append(CROSS_END)
    return targets


def splice(path, section_lines):
    """Replaces scenario 6 in an existing RESULTS.md (or appends it), keeping everything else."""
    section = "\n".join(section_lines).rstrip() + "\n"
    try:
        with open(path) as f:
            text = f.read()
    except OSError:
        text = "# ipcbus benchmark results\n"
    if CROSS_BEGIN in text and CROSS_END in text:
        before = text[:text.index(CROSS_BEGIN)]
        after = text[text.index(CROSS_END) + len(CROSS_END):]
        text = before + section.rstrip("\n") + after
    else:
        text = text.rstrip() + "\n\n" + section
    with open(path, "w") as f:
        f.write(text.rstrip() + "\n")


# ---------------------------------------------------------------- main

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", default="full")
    parser.add_argument("--settings", default="")
    parser.add_argument("--result", required=True)
    parser.add_argument("--facts", required=True)
    parser.add_argument("--process-facts", default="")
    parser.add_argument("--section", default="all", choices=["all", "cross"])
    parser.add_argument("--target", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    with open(args.result) as f:
        entries = json.load(f)
    with open(args.facts) as f:
        facts = json.load(f)
    res = Results(entries)
    pfacts = {}
    if args.process_facts and os.path.exists(args.process_facts) and os.path.getsize(args.process_facts):
        with open(args.process_facts) as f:
            pfacts = json.load(f)
    if args.section == "cross":
        section = []
        cross_section(res, pfacts, args, section)
        if args.mode != "full":
            section.insert(1, f"> **{args.mode.upper()} smoke run** of scenario 6: one short iteration per benchmark.\n")
            with open(args.out, "w") as f:
                f.write("\n".join(section).rstrip() + "\n")
        else:
            splice(args.out, section)
        return
    targets = Targets()
    first = entries[0] if entries else {}

    body = []
    scenario1(res, targets, body)
    round_trip(res, targets, body, 2, "Sync round trip: `sendSync`", "**ipcbus** `sendSync` (listener sets returnValue)",
               "SyncRoundTripBenchmark", "ipcbus_sendSync", "2 sendSync")
    round_trip(res, targets, body, 3, "Invoke round trip: `invoke`", "**ipcbus** `invoke` (handler returns) + `getValue()`",
               "InvokeRoundTripBenchmark", "ipcbus_invoke", "3 invoke")
    scenario4(res, facts, targets, body)
    scenario5(res, facts, targets, body)
    scenario7(res, body)
    structural(facts, targets, body)
    if has_cross(res):
        cross_section(res, pfacts, args, body)

    out = []
    out.append("# ipcbus benchmark results\n")
    out.append("Generated by `benchmarks/run` (see [README.md](README.md)); do not edit by hand.\n")
    if args.mode != "full":
        out.append(f"> **{args.mode.upper()} smoke run**: one short iteration per benchmark; the numbers only show "
                   "that every benchmark runs. Run `benchmarks/run` without `BENCH_QUICK` for real numbers.\n")
    out.append("## Machine and run\n")
    cores = os.cpu_count()
    out.append("| | |\n|---|---|")
    out.append(f"| date (UTC) | {read_text(os.path.join(args.target, 'started.txt'))} |")
    out.append(f"| ipcbus measured | {read_text(os.path.join(args.target, 'ipcbus-version.txt'))} |")
    out.append(f"| CPU | {cpu_model()} |")
    out.append(f"| cores | {cores} |")
    out.append(f"| RAM | {ram()} |")
    out.append(f"| OS | {os_name()} |")
    out.append(f"| JDK | {first.get('vmName', '?')} {first.get('jdkVersion', '?')} ({first.get('vmVersion', '?')}) |")
    out.append(f"| JMH | {first.get('jmhVersion', '?')}, mode {args.mode}: `{args.settings}`; "
               f"fork JVM args `{' '.join(first.get('jvmArgs', []))}` |")
    out.append(f"| load average before / after | {read_text(os.path.join(args.target, 'loadavg-start.txt'))} / "
               f"{read_text(os.path.join(args.target, 'loadavg-end.txt'))} |")
    out.append("")
    out.append("Every peer ran in this one JMH run, one after the other, each in its own forked JVM with the same "
               "settings (EventAdmin inside a real Felix 7.0.5 framework started in that JVM, Vert.x as a local "
               "instance in it), so the ratios compare numbers taken under the same conditions. "
               f"The machine has {cores} cores: the 4-thread variants run 4 sending threads plus the consumer "
               "threads on them, so they measure contention and hand-off cost more than parallel speed-up. "
               "Single numbers on a shared 2-core VM are noisy (see the ± errors and the load average, which "
               "includes the benchmark's own threads); the ratios less so.\n")

    out.append("## Targets\n")
    out.append("| scenario | target | measured | verdict |")
    out.append("|---|---|---:|---|")
    for scenario, target, measured, verdict, detail in targets.rows:
        out.append(f"| {scenario} | {target} | {measured} | {verdict} |")
    passed = sum(1 for r in targets.rows if r[3] == "PASS")
    out.append(f"\n{passed} of {len(targets.rows)} targets reached. The targets of scenario 6 (renderer processes) "
               "are in its own section, which `BENCH_CROSS=1 benchmarks/run` can replace on its own.\n")
    out.append("Where the time goes (profiles of `BENCH_PROFILE=1 benchmarks/run`, what each change "
               "bought, what was tried and not kept): "
               "[docs/performance.md](../docs/performance.md#where-the-time-goes).\n")
    out.extend(body)

    with open(args.out, "w") as f:
        f.write("\n".join(out).rstrip() + "\n")


if __name__ == "__main__":
    main()
