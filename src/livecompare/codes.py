"""Every problem's code, as ruff numbers its rules: the one source of CONTRIBUTING's table.

A problem prints its code in front of its message (`LC204 ... is not the approved file`),
and code that must tell one kind of problem from another compares codes, never words.
The numbers say the area: LC1 snippets and their names, LC2 approved outputs and the
manifest, LC3 runs, LC4 agreement of the tabs, LC5 pages and shortcodes, LC6 notebooks and
walkthroughs, LC7 claims, LC8 benchmarks. A code may have several rows, one per cause
(a failed run, LC301, says why it failed). A row without a code is an error of a command
itself (`error: ...`), of CI, or of a tool the engine runs: it stops the command, and is no
problem of the project's files. `python -m livecompare codes` prints the table;
tests/project/test_problem_codes.py checks that CONTRIBUTING.md holds it as printed.
"""

from __future__ import annotations

from typing import NamedTuple


class Rule(NamedTuple):
    code: str  # LC and three digits, or "" for an error of a command itself
    name: str  # a short name, lower-case words joined by hyphens
    messages: str  # the messages as the table shows them, in backticks
    what: str  # what happened
    fix: str  # what to do


RULES: tuple[Rule, ...] = (
    Rule('LC301', 'snippet-failed',
         '`the snippet failed: <error>`',
         'The script raised an error, crashed or was stopped; the traceback, or the reason '
         '(the other LC301 rows), follows, then the last lines it printed.',
         'Run `.venv/bin/python snippets/.../x_tf.py` and fix it, then `make outputs '
         'NAMES=...`.'),
    Rule('LC302', 'timed-out',
         '`timed out after 120 s`',
         'The script ran past its limit. The stack shows where it was.',
         'Make it faster, or add `# compare-options: timeout=300`.'),
    Rule('LC101', 'snippet-does-not-parse',
         '`the snippet does not parse: SyntaxError: ...`, `the file is not UTF-8 text`',
         'The script cannot even be compiled. Every command says so, and nothing runs it.',
         'Fix the line it names.'),
    Rule('LC102', 'bad-option',
         "`unknown option 'timeot=3'; use timeout=..., ...`, `timeout needs a number, not "
         "'abc'`, `timeout needs a finite number, not nan`, `rtol must be from 0 to 1, not "
         '-1`, `timeout must be from 1 to 3600 s, not 1e-9`',
         'A `# compare-options:` value the engine cannot use, or one out of its range (timeout '
         '1 to 3600 s, memory 0.1 to 64 GB, rtol 0 to 1, atol 0 to 1e6).',
         'Fix the comment line it names.'),
    Rule('LC401', 'bad-agree-line',
         "`'not-a-name' is neither a variable name nor atol=...; write # compare-agree: logits "
         'loss atol=1e-5`, `compare-agree names no variable; write # compare-agree: logits '
         'loss atol=1e-5`',
         'A `# compare-agree:` line the engine cannot read.',
         'Write it as the message shows.'),
    Rule('LC303', 'output-differs',
         '`a fresh run differs from the approved output`',
         'The output changed. A diff follows, with the numbers that broke the tolerance.',
         'If the new output is right, run `make outputs NAMES=...` and review the diff. If '
         'not, fix the snippet.'),
    Rule('', '',
         "`Outputs are out of date. To take CI's: download the outputs-patch artifact of this "
         'run, then git apply outputs.patch and commit the files it changes.`',
         'CI\'s "Outputs of the changed examples" job (or `make outputs-patch`) re-ran the '
         'snippets you changed, and their outputs differ from the committed ones.',
         "Read the diffs in the run's summary, then apply the patch and commit (see "
         '"Contributing from the browser"), or run `make outputs` and commit what it writes.'),
    Rule('LC201', 'stale-output',
         '`changed since its output was approved (stale output)`',
         'You edited a snippet but did not re-run it.',
         '`make outputs NAMES=...`'),
    Rule('LC202', 'no-output',
         '`no approved output snippets/...out`, `no approved output to compare with`',
         'The pair has never been run.',
         '`make outputs NAMES=...`'),
    Rule('LC203', 'output-not-in-manifest',
         '`snippets/x_tf.out has no entry in snippets/manifest.json: it was never approved`',
         'The output is there, but the manifest does not know it.',
         '`make outputs NAMES=...`'),
    Rule('LC204', 'output-edited-by-hand',
         '`snippets/x_tf.out is not the approved file: its bytes differ from the hash recorded '
         'in snippets/manifest.json (cut short, edited by hand, or approved before hashes were '
         'kept)`',
         'An output or a figure is not what `make outputs` wrote: an interrupted copy, a hand '
         'edit, or a file from before the manifest kept hashes.',
         '`make outputs NAMES=...` writes it from a fresh run. Never edit an approved file.'),
    Rule('LC402', 'tabs-disagree',
         '`the tabs do not compute the same values`',
         'A `# compare-agree:` value differs between the sides. Every side\'s values are shown.',
         'Find the side that drifted (a layout, a default, a constant).'),
    Rule('LC403', 'agree-lines-differ',
         '`the two sides declare different # compare-agree: lines`',
         'The two files name different values or tolerances, or only one declares any. Neither '
         'output is written.',
         'Make the two lines the same.'),
    Rule('LC404', 'pair-declares-nothing',
         '`the pair declares neither # compare-agree: nor # compare-differs:`',
         'Every pair must say which it is: its tabs compute the same values, or they show '
         'different things.',
         'Add the same `# compare-agree: names atol=...` line to both files, or the same `# '
         'compare-differs: reason` line.'),
    Rule('LC405', 'pair-declares-both',
         '`the pair declares both # compare-agree: and # compare-differs:`',
         'A pair cannot both agree and differ.',
         'Keep one, in both files.'),
    Rule('LC406', 'differs-reasons-differ',
         '`the two sides declare different # compare-differs: reasons`',
         'The two files give different reasons, or only one gives any.',
         'Write the same line in both files.'),
    Rule('LC407', 'differs-without-reason',
         '`compare-differs gives no reason; write # compare-differs: the two tabs show each '
         "framework's own error message`",
         'A `# compare-differs:` line with nothing after the colon.',
         'Write the one-line reason the page shows.'),
    Rule('LC408', 'agreement-never-checked',
         '`the agreement of the tabs was never checked`',
         'The pair declares values that must agree, but the manifest holds no check of them.',
         '`make outputs NAMES=...`'),
    Rule('LC103', 'unpaired-snippet',
         '`unpaired snippet: TensorFlow has no counterpart ...`',
         'One side of a pair is missing.',
         'Add it, or delete the lone file.'),
    Rule('LC104', 'missing-snippet',
         '`missing snippet snippets/...`',
         'The page names a pair that lacks this side, or a snippet was deleted and its output '
         'left behind (listed).',
         'Add the file, or `git checkout` it; to remove the example, delete the other side, '
         'the `.out` files and the shortcode.'),
    Rule('', '',
         "`error: 'x_torch' is half of a pair: snippets/.../x_tf.py does not exist yet; add it "
         '(start from a copy of the other side), then run make outputs NAMES=...`',
         '`make outputs NAMES=...` named one side of a pair whose other side is missing.',
         'Add the other side.'),
    Rule('', '',
         "`error: 'x' names no snippet; .venv/bin/python -m livecompare list shows the "
         'examples`',
         '`NAMES=` names no section, example or side.',
         'Fix the name.'),
    Rule('LC105', 'bad-file-name',
         '`the file name must end in one of _torch.py, _tf.py (lower case, digits and '
         'underscores only)`',
         'The snippet is misnamed.',
         'Rename it to `<slug>_torch.py` or `<slug>_tf.py`.'),
    Rule('LC106', 'snippet-not-in-section',
         '`a snippet must sit exactly one folder deep`',
         'The snippet is not in a section folder.',
         'Move it to `snippets/<section>/`.'),
    Rule('LC107', 'bad-name',
         "`the section folder 'Graphs-2' is not lower-case letters, digits and underscores "
         "only`, `approved figure name 'My Graph.svg' is not lower-case letters, digits and "
         'underscores only, ending in .svg`, `the snippet wrote a figure name ...; nothing was '
         'written for it`',
         "A name that goes into every page's HTML must be a plain name: one rule for sections, "
         'slugs and figures.',
         'Rename the folder as the message proposes (and its shortcodes), or have the snippet '
         'write `graph.svg`.'),
    Rule('LC108', 'not-a-plain-file',
         '`is a symbolic link, which the site does not follow`, `is a symbolic link to nothing '
         '(dangling)`, `is not a plain file`',
         'A snippet, an output or a figure is a link (it could show any file of the machine '
         'that builds the site) or a folder.',
         'Commit the file itself.'),
    Rule('LC109', 'file-vanished',
         '`the file vanished after it was found (deleted while this command ran, or a symbolic '
         'link to nothing)`, `...; nothing was written for it`',
         'A snippet was deleted while a command read it, or during `make outputs`. Nothing was '
         'approved from that run.',
         'Restore it, or delete the rest of the pair; then run the command again.'),
    Rule('LC110', 'no-snippets-folder',
         '`the snippets folder is missing`',
         'The project has no `snippets/`.',
         "Run the command from the project's root."),
    Rule('LC501', 'example-unused',
         '`no page uses this example`',
         'No page shows the pair.',
         'Add its shortcode to a page, or delete the pair.'),
    Rule('LC502', 'unknown-example',
         "`unknown example 'graphs/x' in shortcode`",
         'The shortcode names no pair. The error suggests the closest names.',
         'Fix the name; `.venv/bin/python -m livecompare list` lists them all.'),
    Rule('LC503', 'malformed-shortcode',
         '`malformed shortcode`',
         'A comment that looks like a shortcode but is not one.',
         'Write `<!-- compare: section/slug -->` alone on its line.'),
    Rule('LC504', 'shortcode-inside-text',
         '`a shortcode inside a line of text is not expanded`',
         'The shortcode shares its line with other text.',
         'Put it alone on its own line.'),
    Rule('LC505', 'shortcode-inside-html',
         '`a shortcode inside a raw HTML block (<details>) is not expanded: the page would '
         'show its Markdown as text`',
         'Python-Markdown leaves the inside of an HTML element as it is, unless the element '
         "has md_in_html's `markdown` attribute. A shortcode inside an HTML comment is "
         'commented out: it does not count as a use.',
         'Write `<details markdown>`, or use an admonition (`??? note`); or move the shortcode '
         'out.'),
    Rule('LC506', 'example-used-twice',
         "`example 'graphs/x' is used twice on this page (first on line 12)`",
         'A page shows the same example twice; its notebook would hold it twice.',
         'Show it once, and link to it from the second place.'),
    Rule('LC205', 'leftover-output',
         '`approved output without a snippet`, `approved figure without a snippet`',
         'A leftover file from a removed snippet.',
         'Delete it.'),
    Rule('LC206', 'entry-without-snippet',
         "`entry '...' names no snippet`",
         'The manifest remembers a removed snippet.',
         '`make outputs` drops the entry.'),
    Rule('LC207', 'damaged-entry',
         "`entry 'graphs/x_tf' is not usable: it has no 'versions'`, `its version of torch "
         "'...' does not look like a version`, `... which is not a module name`, `its 'python' "
         "... does not look like a Python version`, `its 'verified' ... is not a date "
         "(YYYY-MM-DD)`, `its figure name 'a/b.svg' is not lower-case letters, ...`",
         'One entry of the manifest is damaged, or holds something that is not what the page '
         'would show it as (HTML, a path). Its snippet counts as never approved.',
         '`make outputs` runs it again and writes the entry anew.'),
    Rule('LC208', 'unreadable-manifest',
         '`the manifest is not valid JSON (Expecting ..., column 5); was it cut short?`, '
         '`merge-conflict markers in the manifest`, `the manifest must be a JSON object with '
         '"format" and "snippets"`, `unknown manifest format 2`',
         '`snippets/manifest.json` cannot be read at all. `make outputs` runs nothing until it '
         'can.',
         'Restore it with `git checkout snippets/manifest.json` (after a merge, take one side '
         'whole) and run `make outputs`, or write it anew with `make outputs ALL=1`.'),
    Rule('LC209', 'figure-missing',
         '`approved figure is missing: snippets/...svg`',
         'A picture the manifest approved was deleted.',
         '`make outputs NAMES=...`'),
    Rule('LC210', 'figure-not-text',
         '`snippets/...svg is not UTF-8 text, so the page cannot show it`',
         "An approved picture's bytes are not text.",
         '`make outputs NAMES=...`'),
    Rule('LC211', 'unreadable-record',
         "`snippets/preview.json is not valid JSON (Expecting ..., column 5)`, "
         "`snippets/upgrades.json is not what the engine writes: upgrades[2].code[1] has "
         "no 'diff'`",
         'A record the engine writes and git keeps (What changed reads `snippets/upgrades.json`, '
         'its Coming next `snippets/preview.json`) was edited or cut short. The page shows the '
         'problem in its place, and the build fails.',
         'Write it anew: `.venv/bin/python -m livecompare changes` for the upgrades, '
         '`make preview` (or delete the file) for the preview.'),
    Rule('LC304', 'figures-differ',
         '`a fresh run draws different figures`',
         'A drawn `.svg` now has other labels.',
         'Re-run `make outputs NAMES=...` if that is intended.'),
    Rule('LC601', 'notebook-out-of-date',
         '`out of date: its page, snippets or outputs changed since it was written`',
         'A notebook or script under `docs/notebooks/` no longer matches its page. For a '
         'notebook, the line under it names the first difference: a snippet, or a heading '
         'with its page and line.',
         '`make notebooks` (`make outputs` does it too), then commit `docs/notebooks/`.'),
    Rule('LC602', 'notebook-missing',
         '`missing notebook` or `missing script`',
         'A page gained its first example.',
         '`make notebooks`.'),
    Rule('LC603', 'notebook-orphaned',
         '`no page builds this file any more`',
         'The page lost its examples, or was renamed.',
         'Delete the file if `make notebooks` wrote it.'),
    Rule('LC604', 'import-without-distribution',
         "`imports 'x', which no notebook knows how to install`",
         "A snippet imports a package the notebooks' install line cannot name.",
         'Add it to `DISTRIBUTIONS` in `src/livecompare/pins.py`, and its pin to '
         '`requirements/frameworks.txt`.'),
    Rule('LC605', 'distribution-unpinned',
         '`no pinned version of x`',
         'A package the notebooks install has no `==` pin under `requirements/`.',
         'Add `name==version` to `requirements/frameworks.txt`.'),
    Rule('LC606', 'npm-package-unpinned',
         "`requires the npm package 'x', which node/package.json does not pin`",
         'A snippet\'s JavaScript calls `require("x")`, and a page notebook installs only the '
         'npm packages that `node/package.json` pins.',
         'Add it to `node/package.json` with an exact version, then run `npm install '
         '--package-lock-only` in `node/`.'),
    Rule('LC607', 'bad-package-json',
         '`is not a JSON object with dependencies`',
         '`node/package.json` does not parse, or is not an object.',
         'Repair it, or restore it with `git checkout node/package.json`.'),
    Rule('', '',
         '`error: --previewed must be a JSON object of name: version (...)`',
         '`python -m livecompare preview` was called by hand with a `--previewed` value that '
         'is not JSON. `make preview` writes it itself.',
         'Run `make preview`, or pass `--previewed \'{"tensorflow-cpu": "2.22.0rc0"}\'`.'),
    Rule('LC801', 'benchmark-versions-differ',
         '`its figures were measured with other versions than the pins: torch 2.14.1 (pinned: '
         '2.15.0)`, `its torch figures record no versions`, `is not valid JSON: ...` (on a '
         'file under `benchmarks/results/`)',
         'A benchmark result shown on the Performance page was measured with other framework '
         'versions than `requirements/` pins, after an upgrade for example, or records none: '
         "its figures would be published as if they were the pinned versions'. `make check` "
         'and the build refuse it.',
         'Run `make bench` with the pins installed, and commit `benchmarks/results/` and '
         '`docs/assets/bench/`.'),
    Rule('LC608', 'no-package-json',
         '`requires npm packages, and there is no node/package.json to pin them`',
         "A snippet's JavaScript requires an npm package in a project without "
         '`node/package.json`.',
         'Write `node/package.json` with exact versions in its `dependencies`.'),
    Rule('LC609', 'notebook-cell-differs',
         '`run in the notebook, the cell prints something other than the page shows`, `a cell '
         'failed: ValueError: ...`',
         'Run top to bottom in one kernel, an example is affected by an earlier one (a global '
         'setting, a file), or fails.',
         'Make the snippet independent, or list it in `NOTEBOOK_DIFFERS` '
         '(`src/livecompare/notebooks/execute.py`) with the reason.'),
    Rule('LC610', 'walkthrough-out-of-date',
         '`made from an older walkthroughs/x.py`, `missing: the walkthrough ... was never '
         'executed`, `not a readable notebook (cut short, or edited by hand)`',
         'A walkthrough script changed since its notebook was executed, or the notebook is '
         'damaged.',
         '`make walkthroughs NAMES=x`, then commit the notebook.'),
    Rule('LC611', 'walkthrough-output-differs',
         '`a fresh run prints something else`',
         'A walkthrough cell prints other output than its committed notebook.',
         'If the new output is right, `make walkthroughs NAMES=x`.'),
    Rule('LC612', 'walkthrough-html-output',
         '`an output of type text/html, which the site would put into the page as it is (HTML '
         'or script)`',
         'A walkthrough notebook holds an output the page would render as markup (HTML, SVG, '
         'JavaScript); `make test` compares only printed text, so it could have been edited by '
         'hand.',
         'Print text, or draw a PNG; then `make walkthroughs NAMES=x`.'),
    Rule('LC613', 'walkthrough-orphaned',
         '`no walkthroughs/*.py makes this notebook`',
         'A notebook under `docs/walkthroughs/` has no script.',
         'Delete it, or restore its script.'),
    Rule('LC614', 'walkthrough-page-unpaired',
         "`walkthrough 'x': cannot read docs/walkthroughs/x_pytorch.ipynb (...)`, `walkthrough "
         "'x': the step ... is in only one of the notebooks`, `a picture with no description`",
         'A `<!-- compare-walkthrough: x -->` page cannot pair the two notebooks step by step, '
         'or a picture has no sentence before it to serve as its alt text.',
         '`make walkthroughs NAMES=x_pytorch`; give both scripts the same numbered `##` steps; '
         'put a Markdown cell that says what the picture shows just before the code that draws '
         'it.'),
    Rule('LC507', 'rosetta-link-wrong',
         '`a code cell links to the wrong line: run ... scripts/rosetta_links.py`',
         "A Rosetta stone snippet changed, and a row's code now sits on another line of it.",
         '`.venv/bin/python scripts/rosetta_links.py`, then commit `docs/rosetta.md`.'),
    Rule('', '',
         '`error: no walkthroughs/x.py; there are: digits_pytorch, ...`',
         '`make walkthroughs NAMES=...` names no script.',
         'Fix the name.'),
    Rule('', '',
         '`error: 127.0.0.1:8000 is in use (another make serve or make live?); nothing was '
         'started. Pick another address: make live ADDRESS=127.0.0.1:8001`, `error: the '
         "address 'x' is not HOST:PORT`, `error: mkdocs serve stopped (exit status 1); its "
         'messages are above. If 127.0.0.1:8000 is taken, pick another address: make live '
         'ADDRESS=127.0.0.1:8001`',
         '`make live` cannot serve at its address: another server holds the port, or `mkdocs '
         'serve` failed (its own messages, above, say why).',
         'Stop the other server, or use the free port the message names: `make live '
         'ADDRESS=127.0.0.1:8001`.'),
    Rule('', '',
         '`waiting for snippets/.manifest.lock: process 4242 (...) is writing the approved '
         'outputs and the manifest; this goes on when it is done (Ctrl-C stops waiting)`, '
         '`stopped waiting for snippets/.manifest.lock; nothing was written`',
         'Another `make outputs` or `make live` is writing outputs and the manifest. This one '
         "waits for it, so that neither loses the other's entries.",
         'Let it finish; or Ctrl-C, which stops the wait with nothing written.'),
    Rule('', '',
         "`error: SECTION 'Graphs' must be lower case letters, digits and underscores, "
         'starting with a letter (e.g. SECTION=graphs SLUG=control_flow)`, `error: leave the '
         "framework out of SLUG ('flow_tf'); the files get _torch and _tf`, `error: "
         'snippets/... already exists; nothing was written. Pick another SLUG, or edit the '
         'existing files.`',
         '`make new-example` was given a name it cannot use.',
         'Pick another name.'),
    Rule('', '',
         '`the torch worker could not import its framework`, `the torch worker stopped '
         'unexpectedly`',
         'The framework is not installed, or its worker ended before it could run anything.',
         '`make test` or `make outputs` installs everything into `.venv`.'),
    Rule('', '',
         "`unknown runtime 'x'`, `isolation must be 'fork' or 'subprocess', not 'x'`",
         'The engine was called with a setting it does not know (a bug in the caller).',
         'Use a runtime of `RUNTIMES` in `frameworks.py`, and `fork` or `subprocess`.'),
    Rule('', '',
         "`unknown problem code 'LC999': add it to codes.RULES`",
         'The engine made a problem with a code that the registry lacks (a bug in the engine, '
         'or a new check without its row).',
         'Add its row to `RULES` in `src/livecompare/codes.py`, then paste the output of '
         '`.venv/bin/python -m livecompare codes` into this table.'),
    Rule('', '',
         '`error: livecompare.toml: declares no [[frameworks]] table; add one per framework, '
         'or delete the file to use PyTorch and TensorFlow`, `framework ... '
         'needs a key of lower-case letters, digits and underscores (key = "jax")`, '
         '`framework ... needs a label, the title of its tab (label = "JAX")`, `framework ... '
         'needs a runtime of frameworks.RUNTIMES (...), not ...`, `framework ... is declared '
         'twice; keep one`, `not valid TOML (...); fix it, or delete it to use PyTorch and '
         'TensorFlow`',
         "The project's `livecompare.toml` declares frameworks the engine cannot use. A "
         'project without the file has PyTorch and TensorFlow; this site has none.',
         'Give each `[[frameworks]]` table a `key`; a key other than `torch` or `tf` also '
         'needs a `label` and a `runtime` of `RUNTIMES` in `src/livecompare/frameworks.py`. '
         'Or delete the file.'),
    Rule('LC701', 'unknown-claim',
         "`unknown claim 'x' in a note`",
         'A `<!-- claim: x -->` names no entry of `docs/claims.yml`. The error suggests the '
         'closest ids.',
         'Fix the id, or add the claim to the data.'),
    Rule('LC702', 'outdated-claim-unsourced',
         '`claim x is outdated but its change gives no date`, `... names no source`',
         'An outdated claim in `docs/claims.yml` lacks `change: date:` or `sources:`.',
         'Add them; the line number points at the claim.'),
    Rule('LC703', 'score-against-verdict',
         "`criterion 'x': the advice for ... is marked 'outdated', but its fit ... gives ... a "
         'lead of 1`',
         'A decision score points against its verdict.',
         'Change the verdict or the scores in `docs/claims.yml`.'),
    Rule('LC704', 'bad-criterion-group',
         "`criterion 'x': group must be lower-case words joined by hyphens, the same for every "
         "criterion that rests on one fact`, `criterion 'x' is alone in its group 'y'`",
         "A criterion's `group:` in `docs/claims.yml` is misspelt, or names no other "
         'criterion. Criteria that rest on one fact (deployment, serving and mobile all come '
         'down to how each framework exports a model) share a group, and the decision helper '
         'counts the group once.',
         'Give every criterion of that fact the same `group:`, or remove it.'),
    Rule('LC705', 'claim-notes-stacked',
         '`two claim notes in a row (the other is on line ...)`, `a second claim note before '
         "the page's first section`",
         'Notes stacked up instead of sitting where they matter.',
         'Keep one; link the other claim from the text (`corrections.md#id`).'),
    Rule('LC706', 'malformed-claim-shortcode',
         '`malformed claim shortcode ...`, `unknown claims block ...`, `claim ... has no '
         'change to note`',
         'A `<!-- claim: ... -->` or `<!-- claims: ... -->` line is misspelt, names a block '
         'that does not exist, or notes a claim that holds and so has nothing to say.',
         'Write `<!-- claim: id -->` alone on its line, with an id of `docs/claims.yml` whose '
         'claim changed; blocks are `summary`, `tables`, `corrections`, `decision` or a '
         'section.'),
    Rule('LC707', 'bad-claims-file',
         '`not valid YAML: ...`, `expected sections:, claims: and criteria:`, `claim ... is '
         'not a mapping of id:, said:, ...`, `a criterion is not a mapping of id:, name:, ...`',
         '`docs/claims.yml` cannot be read, or an entry is not shaped like its neighbours. The '
         'line is named.',
         'Fix the file at that line; copy the shape of the entry above it.'),
    Rule('LC708', 'bad-claim-field',
         '`claim id ... is not lower-case words joined by hyphens`, `claim id ... is used '
         'twice (first on line ...)`, `unknown section ...`, `unknown verdict ...`, `verdict '
         'must be one of ...`, `older must be PyTorch or TensorFlow`, `fit must be [PyTorch, '
         'TensorFlow], each 0 to 3`',
         'A field of a claim or a criterion in `docs/claims.yml` has a value the site cannot '
         'use.',
         'Use a value the message lists.'),
    Rule('LC709', 'bad-claim-change',
         '`its change has no note:`, `its note must be one sentence of at most ... '
         'characters`, `its change has no short:`, `its short: ... must be plain words of '
         'at most 40 characters`, `date ... is not YYYY-MM-DD or YYYY-MM`, `a source must '
         'read - title: https://...`, `... is outdated but names no source`',
         "A claim's `change:` lacks what the Corrections page and the notes show: a "
         'one-sentence note, a short title for the page\'s contents, a date, a source with '
         'its address.',
         'Add it at the line named.'),
    Rule('', '',
         '`unknown kernel family ...; use one of: ...`',
         '`make ... KERNELS=x` (or `livecompare kernels x`) names no CPU kernel family.',
         'Use `native`, `avx2`, `baseline` or `other`.'),
    Rule('', '',
         "`a cache kind is a lower-case word, not 'Downloads/x'`",
         "A change to the engine named one of its caches (cache.py) with something that is "
         "not a plain word; the kind becomes a folder under `.cache/livecompare/`.",
         'Name the kind in lower-case letters, digits and hyphens.'),
    Rule('', '',
         "`a cache key is what cache.key() gives, not '../x'`",
         "A change to the engine read or wrote a cache entry under a name of its own; an "
         "entry's name is the hash of what it depends on, so it stays in its folder.",
         'Make the key with `cache.key(...)` from everything the value depends on.'),
    Rule('', '',
         '`E501 Line too long`, `D100 Missing docstring in public module`',
         'From ruff, through `make lint` or `make test`.',
         'Shorten the line; start the file with a one-line docstring.'),
    Rule('LC301', 'snippet-failed',
         "`SystemExit: the snippet exited with status 'bad input'`",
         'The script called `sys.exit` with a message or a status other than 0. The line is '
         'named.',
         'Let it end normally.'),
    Rule('LC301', 'snippet-failed',
         '`the snippet called os._exit(3), which ends it at once`',
         'The script called `os._exit`: nothing after it runs. The line is named.',
         'Let it end normally.'),
    Rule('LC301', 'snippet-failed',
         "`the snippet's process died from signal SIGSEGV (a crash in native code?)`, `the "
         "snippet's process exited with status 3 before it finished`",
         'A crash in a C extension, or an exit from native code. The stack shows the line.',
         'Find what crashes at that line.'),
    Rule('LC301', 'snippet-failed',
         '`the torch worker running it ended from signal SIGKILL: the snippet stopped it, or '
         'the system ran out of memory and killed it`, `the torch worker running it ended from '
         'signal SIGTERM: the snippet stopped it`',
         'The process that runs snippets died during this one; what it said comes first. What '
         'the snippet started was killed with it. Memory is named only for SIGKILL, which is '
         "what the kernel's out-of-memory killer sends.",
         'A snippet must not stop its parent. If it needs much memory, raise `memory=`.'),
    Rule('LC301', 'snippet-failed',
         '`PermissionError: a snippet may not signal the worker that runs it (os.kill(4242, '
         '9))`, `a snippet may not signal the worker that runs it (os.killpg(4242, 9))`, '
         '`kill: (4242) - Operation not permitted`',
         "The script tried to signal the engine's worker, its supervisor, or every process. "
         'Where Linux has Landlock 6 (Linux 6.12), the kernel refuses any signal to a process '
         'the snippet did not start.',
         'Leave the worker alone.'),
    Rule('LC301', 'snippet-failed',
         "`PermissionError: [Errno 13] Permission denied: '/.../docs/page.md'`",
         'The script wrote outside its own folders: its working folder, its HOME and its '
         'temporary folder (all fresh for each run). Landlock refuses the write.',
         "Write into the current folder or `tempfile`; read the repository's files, never "
         'change them.'),
    Rule('LC301', 'snippet-failed',
         "`files outside the snippet's folder changed while it ran (or while s/other_tf ran "
         'beside it): docs/page.md`',
         "Where the kernel has no Landlock, the engine checks the repository's files (tracked, "
         "git's hooks and config, snippets/ and docs/) after each run, and fails the snippet "
         'during whose run one changed, with the one that ran beside it.',
         'Review the snippet; restore the files with `git checkout -- FILE`. If you edited '
         'them yourself during the run, run it again.'),
    Rule('LC301', 'snippet-failed',
         "`the worker could not prepare the snippet's folder ...: ...`",
         'The engine could not make the fresh folder a snippet runs in (a full disk, say).',
         'Run it again; if it persists, report it as a bug of the engine.'),
    Rule('LC301', 'snippet-failed',
         '`the snippet and the processes it started held 1.2 GB more memory than when it '
         'started, over its limit of 0.5 GB; it was stopped`',
         'The script and every process it started, together and shared memory included, grew '
         'past its limit (checked five times a second).',
         'Use less memory, or raise it: `# compare-options: memory=4`.'),
    Rule('LC301', 'snippet-failed',
         "`MemoryError` (or `Unable to allocate`, `can't allocate memory`)",
         'The script went past its memory limit (2 GB beyond its framework by default).',
         'Use less memory, or raise it: `# compare-options: memory=4`.'),
    Rule('LC301', 'snippet-failed',
         '`the snippet printed 300000 bytes, more than the 256 KB an output may hold`',
         'The output is too long to be shown; it is never cut silently.',
         'Print less: a shape, a summary, a few values.'),
    Rule('LC301', 'snippet-failed',
         '`line 2 of its output holds an ANSI escape code (colour or cursor)`, `line 1 of its '
         'output is not UTF-8 text (byte 0xe9)`',
         'The output holds bytes a page cannot show: a NUL byte, colours, a carriage return, a '
         'control character, or bytes that are not UTF-8.',
         'Print plain text; print the `repr()` of raw bytes.'),
    Rule('LC301', 'snippet-failed',
         '`the file changed while it ran, so this output is not its own`',
         'The snippet was saved again while it ran. Nothing is approved from that run.',
         'Run it again.'),
    Rule('LC301', 'snippet-failed',
         "`NameError: # compare-agree: names 'x', but the snippet defines no module-level "
         "variable of that name`, `TypeError: # compare-agree: variable 'x' is a str, which is "
         'not numbers`',
         'A value the pair must agree on is missing (the script may have exited before '
         'defining it), or is not numbers.',
         'Define it at module level, as numbers, a NumPy array or a tensor.'),
    Rule('LC301', 'snippet-failed',
         '`ValueError: the figure graph.svg is over 1024 KB; draw something smaller`',
         'A drawn picture is too big to inline in the page.',
         'Draw something smaller.'),
    Rule('LC301', 'snippet-failed',
         '`the worker could not start the snippet`',
         "The engine failed before the script's first line; the traceback says why.",
         'Report it: it is a bug of the engine.'),
)

CODES: dict[str, Rule] = {}
for _rule in RULES:
    if _rule.code:
        CODES.setdefault(_rule.code, _rule)  # the first row of a code names it


def table() -> str:
    """CONTRIBUTING.md's table of errors, from RULES."""
    lines = ["| Code | Message | What happened | Fix |", "| --- | --- | --- | --- |"]
    for rule in RULES:
        code = f"`{rule.code}` {rule.name}" if rule.code else ""
        lines.append(f"| {code} | {rule.messages} | {rule.what} | {rule.fix} |")
    return "\n".join(lines) + "\n"
