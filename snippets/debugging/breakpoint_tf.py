"""breakpoint() and pdb in TensorFlow: eager code, tf.function, eager switch."""
import io
import pdb
import re
import sys

import tensorflow as tf


def scaled_sum(x, w):
    y = x * w
    breakpoint()  # stop here
    total = tf.reduce_sum(y)
    return total


# Plumbing: this page is built without a keyboard, so a script types pdb's commands
# and a buffer stands in for the terminal. At a real terminal, you type them yourself.
screen = io.StringIO()


class Keyboard(io.StringIO):
    def readline(self, *args):
        line = super().readline(*args)
        # echo what is "typed", as a terminal would
        screen.write(line)
        return line


def typed(commands):
    """From now on, breakpoint() starts pdb with `commands` as its input."""
    sys.breakpointhook = lambda: pdb.Pdb(
        stdin=Keyboard(commands), stdout=screen).set_trace(sys._getframe(1))


def show(title):
    print(f"--- {title}")
    for line in screen.getvalue().splitlines() or ["(the debugger did not stop)"]:
        # "> /a/b/file.py(12)f()": no folders
        line = re.sub(r"^> \S*/", "> ", line)
        line = re.sub(r"(_generated_file)\w+", r"\1", line)  # random name
        # and no line numbers in library files: they change between versions
        print(re.sub(r"^> (?!breakpoint_)(\w+\.py)\(\d+\)", r"> \1: ", line))
    screen.seek(0)
    screen.truncate()


x = tf.constant([1.0, 2.0, 3.0])
typed("p y\nn\np total\nc\n")
scaled_sum(x, 2.0)
show("eager: stops at your line, with real values")

graph_fn = tf.function(scaled_sum)
typed("p y\nc\n")
graph_fn(x, 2.0)
show("tf.function, 1st call: stops while tracing, in AutoGraph's copy of your code")
graph_fn(x, 2.0)
show("tf.function, 2nd call: runs the graph, so no Python line runs")

# switch graphs off to debug
tf.config.run_functions_eagerly(True)
typed("p y\nc\n")
graph_fn(x, 2.0)
tf.config.run_functions_eagerly(False)
show("run_functions_eagerly(True): back at your line")
# compare-differs: each tab shows its own framework's debugger session
