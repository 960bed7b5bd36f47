#!/usr/bin/env python3
"""Summarizes the JFR recordings JMH's `-prof jfr` left under a directory: the hottest frames of
the CPU samples (self time, per thread group) and the allocation samples by class and by the first
ipcbus frame that allocated. Used by `BENCH_PROFILE=1 benchmarks/run`.

  python3 benchmarks/jfr_summary.py benchmarks/target/profile
"""
import collections
import os
import re
import subprocess
import sys

TOP = 15
FRAME = re.compile(r"^\s+(\S+)\(.*\)\s+line:\s*(\d+)")


def events(path, name, depth=40):
    """Yields (thread, frames, fields) for each event of a type, from `jfr print`."""
    text = subprocess.run(["jfr", "print", "--events", name, "--stack-depth", str(depth), path],
                          capture_output=True, text=True, check=True).stdout
    thread, frames, fields, in_stack = None, [], {}, False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith(name + " {") or stripped == name + " {":
            thread, frames, fields, in_stack = None, [], {}, False
        elif stripped.startswith("stackTrace = ["):
            in_stack = True
        elif in_stack and stripped == "]":
            in_stack = False
        elif in_stack:
            match = FRAME.match(line)
            if match:
                frames.append(match.group(1))
        elif stripped == "}" and not line.startswith("    "):
            yield thread, frames, fields
        elif "=" in stripped:
            key, value = [part.strip() for part in stripped.split("=", 1)]
            if key in ("sampledThread", "eventThread"):
                thread = value.split('"')[1] if '"' in value else value
            fields[key] = value


def group(thread):
    if thread is None:
        return "?"
    if thread.startswith("ipcbus-main"):
        return "ipcbus-main (dispatch)"
    if thread.startswith("ipcbus-"):
        # per kind of thread: a renderer process's reader and writer, the host's, a renderer's lane
        return re.sub(r"\d+", "N", thread)
    if "jmh-worker" in thread or thread.startswith("org.ipcbus.benchmarks"):
        return "sender (JMH worker)"
    return "other: " + thread


def weight_bytes(value):
    number, _, unit = value.partition(" ")
    number = float(number.replace(",", ""))
    scale = {"bytes": 1, "byte": 1, "kB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3}.get(unit.strip(), 1)
    return number * scale


def summarize(path):
    print(f"=== {path}")
    self_time = collections.defaultdict(collections.Counter)
    inclusive = collections.defaultdict(collections.Counter)
    totals = collections.Counter()
    for thread, frames, _ in events(path, "jdk.ExecutionSample"):
        if not frames:
            continue
        g = group(thread)
        totals[g] += 1
        self_time[g][frames[0]] += 1
        for frame in set(frames):
            inclusive[g][frame] += 1
    all_samples = sum(totals.values())
    print(f"CPU samples: {all_samples}")
    for g, count in totals.most_common():
        print(f"\n-- {g}: {count} samples ({100.0 * count / max(1, all_samples):.1f}% of all)")
        print("   self (top frame):")
        for frame, n in self_time[g].most_common(TOP):
            print(f"   {100.0 * n / count:5.1f}%  {frame}")
        print("   inclusive, ipcbus and JDK concurrency frames:")
        shown = 0
        for frame, n in inclusive[g].most_common():
            if frame.startswith(("org.ipcbus.", "java.util.concurrent", "sun.nio.ch", "com.fasterxml")):
                print(f"   {100.0 * n / count:5.1f}%  {frame}")
                shown += 1
                if shown == TOP:
                    break

    by_class = collections.Counter()
    by_site = collections.Counter()
    total = 0.0
    for thread, frames, fields in events(path, "jdk.ObjectAllocationSample", depth=12):
        weight = weight_bytes(fields.get("weight", "0 bytes"))
        total += weight
        by_class[fields.get("objectClass", "?").split(" ")[0]] += weight
        site = next((f for f in frames if f.startswith("org.ipcbus")), frames[0] if frames else "?")
        by_site[f"{group(thread)}: {site}"] += weight
    if total:
        print(f"\nAllocation samples (weights, {total / 1024 / 1024:.0f} MiB sampled):")
        print("   by class:")
        for name, w in by_class.most_common(TOP):
            print(f"   {100.0 * w / total:5.1f}%  {name}")
        print("   by first ipcbus frame (else top frame):")
        for name, w in by_site.most_common(TOP):
            print(f"   {100.0 * w / total:5.1f}%  {name}")
    print()


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    found = False
    for directory, _, files in sorted(os.walk(root)):
        for name in sorted(files):
            if name.endswith(".jfr"):
                found = True
                summarize(os.path.join(directory, name))
    if not found:
        print(f"no .jfr file under {root}")


if __name__ == "__main__":
    main()
