"""Both frameworks on the same work, on the CPU: `make bench` runs this.

    .venv/bin/python benchmarks/frameworks.py [--threads N] [--smoke] [--out DIR]

Each framework runs in its own fresh process (so its import time and memory are its own),
with its thread pools pinned to N threads (default: every core). Every measurement does
warm-up calls, then several repetitions; it reports the median and the spread (min, max)
of the repetitions. Results go to benchmarks/results/cpu.json with the machine, versions and
date, and the charts are drawn from that file (benchmarks/charts.py). Nothing is asserted:
the figures are for reading. `--smoke` runs tiny sizes once, for the tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from livecompare.runner.cpu_families import compile_cache

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
FRAMEWORKS = ("torch", "tf")

# Full runs; --smoke shrinks every size and repeats once.
MATMUL_SIZES = (128, 512, 1024, 2048)
REPEATS, WARMUP = 15, 3


def timed(fn: Callable[[], object], number: int, repeats: int, warmup: int) -> dict:
    """Seconds per call: median and spread over `repeats` runs of `number` calls each."""
    for _ in range(warmup):
        fn()
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        runs.append((time.perf_counter() - start) / number)
    return {"median_s": statistics.median(runs), "min_s": min(runs), "max_s": max(runs),
            "repeats": repeats, "calls_per_repeat": number}


def rss_mb() -> float:
    """Resident memory of this process, from /proc (Linux)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


# ------------------------------------------------------------------ one framework, in-process


def torch_suite(threads: int, smoke: bool) -> dict:
    start = time.perf_counter()
    import torch

    import_s = time.perf_counter() - start
    import_rss = rss_mb()
    torch.set_num_threads(threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(0)
    reps, warm = (1, 1) if smoke else (REPEATS, WARMUP)
    out: dict = {"import_s": import_s, "rss_after_import_mb": import_rss, "cases": {}}
    cases = out["cases"]

    for n in (16, 32) if smoke else MATMUL_SIZES:
        a, b = torch.randn(n, n), torch.randn(n, n)
        number = max(1, int(6e8 / n**3)) if not smoke else 1
        cases[f"matmul_{n}"] = timed(lambda a=a, b=b: a @ b, number, reps, warm)
        cases[f"matmul_{n}"]["flop"] = 2 * n**3

    size = 8 if smoke else 64
    conv = torch.nn.Conv2d(32, 64, 3, padding=1).eval()
    images = torch.randn(16, 32, size, size)  # NCHW: torch's layout
    with torch.no_grad():
        cases["conv2d_forward"] = timed(lambda: conv(images), 1 if smoke else 5, reps, warm)

    mlp = torch.nn.Sequential(torch.nn.Linear(784, 512), torch.nn.ReLU(),
                              torch.nn.Linear(512, 512), torch.nn.ReLU(),
                              torch.nn.Linear(512, 10))
    optimizer = torch.optim.Adam(mlp.parameters(), lr=1e-3)
    x, y = torch.randn(128, 784), torch.randint(0, 10, (128,))
    loss_fn = torch.nn.CrossEntropyLoss()

    def train_step():
        optimizer.zero_grad()
        loss = loss_fn(mlp(x), y)
        loss.backward()
        optimizer.step()

    cases["mlp_train_step"] = timed(train_step, 1 if smoke else 20, reps, warm)

    cnn = torch.nn.Sequential(
        torch.nn.Conv2d(1, 32, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(32, 64, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Flatten(), torch.nn.Linear(64 * 7 * 7, 128), torch.nn.ReLU(),
        torch.nn.Linear(128, 10)).eval()
    for batch in (1, 64):
        images = torch.randn(batch, 1, 28, 28)
        with torch.no_grad():
            cases[f"cnn_inference_b{batch}"] = timed(
                lambda images=images: cnn(images), 1 if smoke else max(1, 64 // batch), reps,
                warm)

    # Eager against compiled, on the MLP forward pass; the first call includes compilation.
    batch = torch.randn(256, 784)
    with torch.no_grad():
        cases["mlp_forward_eager"] = timed(lambda: mlp(batch), 1 if smoke else 20, reps, warm)
        compiled = torch.compile(mlp)
        start = time.perf_counter()
        compiled(batch)
        out["compile_first_call_s"] = time.perf_counter() - start
        cases["mlp_forward_compiled"] = timed(lambda: compiled(batch), 1 if smoke else 20,
                                              reps, warm)
    out["rss_end_mb"] = rss_mb()
    out["versions"] = {"torch": torch.__version__}
    out["threads"] = {"intra_op": torch.get_num_threads(),
                      "inter_op": torch.get_num_interop_threads()}
    return out


def tf_suite(threads: int, smoke: bool) -> dict:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    start = time.perf_counter()
    import keras
    import tensorflow as tf

    import_s = time.perf_counter() - start
    import_rss = rss_mb()
    tf.config.threading.set_intra_op_parallelism_threads(threads)
    tf.config.threading.set_inter_op_parallelism_threads(1)
    keras.utils.set_random_seed(0)
    reps, warm = (1, 1) if smoke else (REPEATS, WARMUP)
    out: dict = {"import_s": import_s, "rss_after_import_mb": import_rss, "cases": {}}
    cases = out["cases"]

    for n in (16, 32) if smoke else MATMUL_SIZES:
        a, b = tf.random.normal((n, n)), tf.random.normal((n, n))
        number = max(1, int(6e8 / n**3)) if not smoke else 1
        # .numpy() waits for the result; TensorFlow's eager ops are synchronous on the CPU anyway.
        cases[f"matmul_{n}"] = timed(lambda a=a, b=b: (a @ b).numpy(), number, reps, warm)
        cases[f"matmul_{n}"]["flop"] = 2 * n**3

    size = 8 if smoke else 64
    conv = keras.layers.Conv2D(64, 3, padding="same")
    images = tf.random.normal((16, size, size, 32))  # NHWC: TensorFlow's layout on the CPU
    conv(images)
    cases["conv2d_forward"] = timed(lambda: conv(images).numpy(), 1 if smoke else 5, reps, warm)

    mlp = keras.Sequential([keras.Input((784,)), keras.layers.Dense(512, activation="relu"),
                            keras.layers.Dense(512, activation="relu"), keras.layers.Dense(10)])
    optimizer = keras.optimizers.Adam(1e-3)
    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    x = tf.random.normal((128, 784))
    y = tf.random.uniform((128,), 0, 10, dtype=tf.int32)

    def eager_step():
        with tf.GradientTape() as tape:
            loss = loss_fn(y, mlp(x, training=True))
        grads = tape.gradient(loss, mlp.trainable_variables)
        optimizer.apply_gradients(zip(grads, mlp.trainable_variables, strict=True))
        return loss

    # What Keras's fit() runs: the step as a tf.function graph.
    graph_step = tf.function(eager_step)
    cases["mlp_train_step"] = timed(lambda: graph_step().numpy(), 1 if smoke else 20, reps, warm)

    cnn = keras.Sequential([
        keras.Input((28, 28, 1)),
        keras.layers.Conv2D(32, 3, padding="same", activation="relu"), keras.layers.MaxPool2D(),
        keras.layers.Conv2D(64, 3, padding="same", activation="relu"), keras.layers.MaxPool2D(),
        keras.layers.Flatten(), keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(10)])
    for batch in (1, 64):
        images = tf.random.normal((batch, 28, 28, 1))
        cases[f"cnn_inference_b{batch}"] = timed(
            lambda images=images: cnn(images, training=False).numpy(),
            1 if smoke else max(1, 64 // batch), reps, warm)

    batch = tf.random.normal((256, 784))
    cases["mlp_forward_eager"] = timed(lambda: mlp(batch).numpy(), 1 if smoke else 20, reps, warm)
    compiled = tf.function(lambda t: mlp(t), jit_compile=True)
    start = time.perf_counter()
    compiled(batch).numpy()
    out["compile_first_call_s"] = time.perf_counter() - start
    cases["mlp_forward_compiled"] = timed(lambda: compiled(batch).numpy(), 1 if smoke else 20,
                                          reps, warm)
    out["rss_end_mb"] = rss_mb()
    out["versions"] = {"tensorflow": tf.__version__, "keras": keras.__version__}
    out["threads"] = {"intra_op": tf.config.threading.get_intra_op_parallelism_threads(),
                      "inter_op": tf.config.threading.get_inter_op_parallelism_threads()}
    return out


# --------------------------------------------------------------------------- the machine


def machine() -> dict:
    """What the figures were measured on, and how busy it was when the run began."""
    info = {"cpu": platform.processor() or "unknown", "cores": os.cpu_count(),
            "python": platform.python_version(), "platform": platform.platform()}
    mhz = None
    try:
        text = Path("/proc/cpuinfo").read_text()
        for line in text.splitlines():
            key, _, value = line.partition(":")
            key = key.strip()
            if key == "model name":
                info["cpu"] = value.strip()
            elif key == "cpu MHz" and mhz is None:
                mhz = float(value)
    except OSError:
        pass
    info["mhz"] = mhz
    info["load_before"] = os.getloadavg()[0]
    return info


def run_one(framework: str, threads: int, smoke: bool) -> dict:
    """The suite in a fresh process, so that its import and memory are measured alone."""
    env = dict(os.environ, CUDA_VISIBLE_DEVICES="", TF_CPP_MIN_LOG_LEVEL="2",
               OMP_NUM_THREADS=str(threads))
    env.setdefault("TORCHINDUCTOR_CACHE_DIR", compile_cache(env))  # see cpu_families.py
    command = [sys.executable, __file__, "--worker", framework, "--threads", str(threads)]
    result = subprocess.run(command + (["--smoke"] if smoke else []), env=env,
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"the {framework} suite failed:\n{result.stderr[-4000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one repetition")
    parser.add_argument("--out", type=Path, default=RESULTS,
                        help="folder for cpu.json (default: benchmarks/results)")
    parser.add_argument("--charts", type=Path, default=ROOT / "docs/assets/bench",
                        help="folder for the SVG charts (default: docs/assets/bench)")
    parser.add_argument("--worker", choices=FRAMEWORKS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        suite = torch_suite if args.worker == "torch" else tf_suite
        print(json.dumps(suite(args.threads, args.smoke)))
        return 0

    started = time.perf_counter()
    results = {"date": dt.date.today().isoformat(), "machine": machine(),
               "threads": args.threads, "smoke": args.smoke,
               "command": "make bench" if not args.smoke else "benchmarks/frameworks.py --smoke",
               "frameworks": {}}
    for framework in FRAMEWORKS:  # one after the other: they must not share the cores
        print(f"running the {framework} suite on {args.threads} thread(s)...", file=sys.stderr)
        results["frameworks"][framework] = run_one(framework, args.threads, args.smoke)
    results["seconds"] = round(time.perf_counter() - started, 1)
    results["machine"]["load_after"] = os.getloadavg()[0]
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "cpu.json"
    path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    sys.path.insert(0, str(Path(__file__).parent))
    from charts import draw_all

    drawn = draw_all(results, args.charts, args.out / "table.md")
    print(summary(results))
    print(f"\nwrote {path} and {len(drawn)} charts in {args.charts} "
          f"({results['seconds']:.0f} s)")
    return 0


def summary(results: dict) -> str:
    """A plain-text table of the medians, torch beside tf."""
    torch_cases = results["frameworks"]["torch"]["cases"]
    tf_cases = results["frameworks"]["tf"]["cases"]
    lines = [f"{'case':24} {'torch (ms)':>12} {'tf (ms)':>12} {'tf / torch':>11}"]
    for case in torch_cases:
        a, b = torch_cases[case]["median_s"] * 1e3, tf_cases[case]["median_s"] * 1e3
        lines.append(f"{case:24} {a:12.3f} {b:12.3f} {b / a:11.2f}")
    for key in ("import_s", "compile_first_call_s"):
        a, b = results["frameworks"]["torch"][key], results["frameworks"]["tf"][key]
        lines.append(f"{key:24} {a * 1e3:12.0f} {b * 1e3:12.0f} {b / a:11.2f}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
