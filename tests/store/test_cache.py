"""The one cache (cache.py): an entry is found by the hash of what it depends on, an entry
cut short or edited is ignored and written again, each kind keeps its newest entries, and
neither a kind nor a key can name a path outside its folder."""

from __future__ import annotations

import concurrent.futures
import os
from pathlib import Path

import pytest

from livecompare import cache


def test_a_value_is_read_back_under_its_key_and_only_there(tmp_path):
    values = cache.cache(tmp_path, "things", keep=10)
    key = cache.key("code", b"\x00bytes")
    assert values.get(key) is None
    values.put(key, "the value\non two lines")
    assert values.get(key) == "the value\non two lines"
    assert values.get(cache.key("other code", b"\x00bytes")) is None
    assert [p.parent for p in tmp_path.rglob("*") if p.is_file()] == [
        tmp_path / ".cache/livecompare/things"]


def test_a_value_is_computed_once_then_read(tmp_path):
    values, calls = cache.cache(tmp_path, "things", keep=10), []
    compute = lambda: calls.append(1) or "computed"  # noqa: E731
    assert [values.get_or_put(cache.key("a"), compute) for _ in range(3)] == ["computed"] * 3
    assert calls == [1]


def test_keys_tell_apart_parts_split_at_another_place():
    assert cache.key("ab", "c") != cache.key("a", "bc")
    assert cache.key("ab", "c") == cache.key(b"ab", b"c")


@pytest.mark.parametrize("damage", ["cut short", "edited", "header lost", "not UTF-8"])
def test_an_entry_cut_short_or_edited_is_ignored_and_written_again(tmp_path, damage):
    values = cache.cache(tmp_path, "things", keep=10)
    key = cache.key("code")
    values.put(key, "the value")
    path = values.folder / key
    text = path.read_bytes()
    path.write_bytes({"cut short": text[:-3],
                      "edited": text.replace(b"the value", b"the valuE"),
                      "header lost": b"the value",
                      "not UTF-8": text + b"\xff"}[damage])
    assert values.get(key) is None
    values.put(key, "the value")
    assert values.get(key) == "the value"
    assert path.read_bytes() == text


def test_each_kind_keeps_its_newest_entries(tmp_path):
    values = cache.cache(tmp_path, "things", keep=2)
    others = cache.cache(tmp_path, "others", keep=2)
    others.put(cache.key("other"), "kept")
    for n in range(4):
        values.put(cache.key(str(n)), str(n))
        os.utime(values.folder / cache.key(str(n)), ns=(n * 10**9, n * 10**9))
    assert sorted(p.name for p in values.folder.iterdir()) == sorted(
        [cache.key("2"), cache.key("3")])
    assert others.get(cache.key("other")) == "kept"


def test_a_write_leaves_no_partial_file_and_a_folder_that_cannot_be_written_only_misses(
        tmp_path):
    values = cache.cache(tmp_path, "things", keep=10)
    values.put(cache.key("a"), "a")
    assert [p.name for p in values.folder.iterdir()] == [cache.key("a")]
    blocked = cache.cache(tmp_path / "a-file", "things", keep=10)
    (tmp_path / "a-file").write_text("not a folder")
    blocked.put(cache.key("a"), "a")  # no error: the build is only slower
    assert blocked.get(cache.key("a")) is None


@pytest.mark.parametrize("name", ["../" + "0" * 64, "0" * 63, "a" * 64 + "/x", "G" * 64])
def test_a_key_is_a_digest(tmp_path, name):
    values = cache.cache(tmp_path, "things", keep=1)
    for use in (values.get, lambda name: values.put(name, "x")):
        with pytest.raises(ValueError, match="a cache key is what cache.key"):
            use(name)


@pytest.mark.parametrize("kind", ["../escape", "a/b", "", "Upper", ".hidden"])
def test_a_kind_is_a_plain_word(tmp_path, kind):
    with pytest.raises(ValueError, match="a cache kind is a lower-case word"):
        cache.cache(tmp_path, kind, keep=1)


def _write_and_read(folder: str, rounds: int) -> list[str]:
    """Writes eight keys in turn, so that each write prunes, and reads the one it wrote
    just before: alone it is always found (two back of the four kept), and in parallel
    it is found unless the other process pruned it or is rewriting it."""
    values = cache.cache(Path(folder), "things", keep=4)
    seen = []
    for n in range(rounds):
        values.put(cache.key(str(n % 8)), "x" * 50_000 + str(n % 8))
        seen.append(values.get(cache.key(str((n - 1) % 8))) or "")
    return seen


def test_the_writer_alone_reads_what_it_wrote(tmp_path):
    """The parallel test below counts on reads that hit, whatever the scheduling: when one
    process runs after the other, as on one core, every read but the first finds its
    entry."""
    seen = _write_and_read(str(tmp_path), 20)
    assert seen[0] == "" and all(seen[1:])


def test_parallel_builds_read_whole_entries_or_none(tmp_path):
    """As pytest-xdist's workers do: two processes write, prune and read one kind at once.
    The atomic write keeps entries whole, and an entry read half-written would fail its
    own hash: it fails when neither holds."""
    with concurrent.futures.ProcessPoolExecutor(2) as pool:
        results = list(pool.map(_write_and_read, [str(tmp_path)] * 2, [300, 300]))
    read = [text for seen in results for text in seen if text]
    assert read and all(text == "x" * 50_000 + text[-1] for text in read)
    assert not list((tmp_path / ".cache/livecompare/things").glob(".*"))  # no partial left
