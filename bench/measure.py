#!/usr/bin/env python3
"""Runs a command RUNS times (after one warm-up) and prints the medians of its whole-process
figures as JSON: wall seconds, CPU seconds (user + system, from the kernel's accounting of the
finished child and the children it waited for), and the largest peak resident set in KiB.

    measure.py RUNS [--pid PID] -- COMMAND [ARG ...] [--vs BOUND_COMMAND [ARG ...]]

With --pid, also the median CPU seconds that process (a running sandbox) spent during each
run, read from its CPU clock before and after (nanoseconds; /proc/PID/stat's ticks as a fallback). Standard output and error of the command go
to bench-command.out / .err in the working directory (the last run's), for the caller to read.

With --vs, the bound's command runs in turn with the measured one (A B A B ...), and "bound"
holds its figures and "ratio" the median of the pairs' wall-time ratios A/B: pairing keeps the
ratio meaningful while the machine's load drifts.
"""
import json
import os
import statistics
import subprocess
import sys
import time

TICKS = os.sysconf("SC_CLK_TCK")


def process_cpu(pid):
    # The process's CPU clock (clock_getcpuclockid's id: MAKE_PROCESS_CPUCLOCK(pid, SCHED)) counts
    # nanoseconds; /proc/PID/stat counts 10 ms ticks, too coarse for a sandbox that spends
    # 50 ms on a whole plan. The ticks are the fallback.
    try:
        return time.clock_gettime(((~pid) << 3) | 2)
    except OSError:
        with open("/proc/%d/stat" % pid) as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def run_once(command, pid):
    before = process_cpu(pid) if pid else 0.0
    with open("bench-command.out", "wb") as out, open("bench-command.err", "wb") as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
    peer = (process_cpu(pid) - before) if pid else 0.0
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak_kib": usage.ru_maxrss,
            "peer_cpu": peer, "status": os.waitstatus_to_exitcode(status)}


def main():
    args = sys.argv[1:]
    runs = int(args.pop(0))
    pid = None
    if args[0] == "--pid":
        pid = int(args[1])
        args = args[2:]
    assert args.pop(0) == "--"
    bound = None
    if "--vs" in args:
        bound = args[args.index("--vs") + 1:]
        args = args[:args.index("--vs")]
    run_once(args, pid)  # warm-up: page cache, the sandbox's first decode of its state
    if bound:
        run_once(bound, None)
    results, bounds = [], []
    for _ in range(runs):
        results.append(run_once(args, pid))
        if bound:
            bounds.append(run_once(bound, None))
    figures = summary(runs, results)
    if bound:
        figures["bound"] = summary(runs, bounds)
        figures["ratio"] = statistics.median(a["wall"] / b["wall"] for a, b in zip(results, bounds))
    print(json.dumps(figures))


def summary(runs, results):
    return {
        "runs": runs,
        "wall": statistics.median(r["wall"] for r in results),
        "cpu": statistics.median(r["cpu"] for r in results),
        "peak_kib": max(r["peak_kib"] for r in results),
        "peer_cpu": statistics.median(r["peer_cpu"] for r in results),
        "status": max(r["status"] for r in results),
    }


if __name__ == "__main__":
    main()
