#!/usr/bin/python3
"""By-hand check that Ctrl-C loses nothing: runs `sweep SPEC --out DIR` as a real process, sends SIGINT once DIR
has N lines, reruns the same command, and checks that results.jsonl then has one line per cell, no duplicates,
no failed cell. SIGINT is reset to its default for the child (a shell's background job would ignore it).
usage: sweep_ctrlc_check.py UFM_JAR SPEC DIR N TOTAL"""
import json, os, signal, subprocess, sys, time

jar, spec, out, n, total = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
cmd = ["java", "-jar", jar, "sweep", spec, "--out", out, "--json"]
f = os.path.join(out, "results.jsonl")
p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                     preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
while not (os.path.exists(f) and sum(1 for _ in open(f)) >= n):
    if p.poll() is not None:
        sys.exit("the sweep ended before %d lines" % n)
    time.sleep(0.05)
p.send_signal(signal.SIGINT)
p.communicate()
stopped_at = sum(1 for _ in open(f))
rerun = subprocess.run(cmd, capture_output=True, text=True)
lines = [json.loads(l) for l in open(f)]
ids = [l["cell"] for l in lines]
failed = sum(1 for l in lines if not l["converged"])
print("exit %d after SIGINT with %d lines; rerun exit %d: %d lines, %d distinct, %d not converged"
      % (p.returncode, stopped_at, rerun.returncode, len(ids), len(set(ids)), failed))
sys.exit(0 if p.returncode == 130 and rerun.returncode == 0 and len(ids) == len(set(ids)) == total and failed == 0 else 1)
