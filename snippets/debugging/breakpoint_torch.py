"""breakpoint() and pdb in PyTorch: eager code, torch.compile, and its eager switch."""
import io
import pdb
import re
import sys

import torch


def scaled_sum(x, w):
    y = x * w
    breakpoint()  # stop here
    total = y.sum()
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
        # and no line numbers in library files: they change between versions
        print(re.sub(r"^> (?!breakpoint_)(\w+\.py)\(\d+\)", r"> \1: ", line))
    screen.seek(0)
    screen.truncate()


x = torch.tensor([1.0, 2.0, 3.0])
typed("p y\nn\np total\nc\n")
scaled_sum(x, 2.0)
show("eager: stops at your line, with real values")

# Dynamo, no code generation
compiled = torch.compile(scaled_sum, backend="eager")
typed("p y\nc\n")
compiled(x, 2.0)
show("torch.compile: stops in code the compiler runs, not in yours")

with torch.compiler.set_stance("force_eager"):
    # switch compilation off to debug
    typed("p y\nc\n")
    compiled(x, 2.0)
show('set_stance("force_eager"): back at your line')
# compare-differs: each tab shows its own framework's debugger session
