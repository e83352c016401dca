"""Compiled regular expressions kept between runs, as Python keeps bytecode.

factdeck compiles about 800 patterns in every build (its rules, the lexicon's phrase lists, the service
index); parsing them and generating their code is about a quarter of a small build. ``re`` does that work in
``re._compiler.compile``, whose last step hands the generated code to ``_sre.compile``. This module records
the arguments of that last step per (pattern, flags) and, in a later run, calls ``_sre.compile`` with them
directly: the same pattern object, without the parse. The record lives beside factdeck's bytecode
(``__pycache__/regex.<python tag>.marshal``), tied to the exact Python build and ``_sre`` version; a missing,
stale, unreadable or unwritable record only means compiling as usual. ``FACTDECK_REGEX_CACHE=0`` turns it off;
a path there keeps the record in that file instead.
"""
from __future__ import annotations

import atexit
import hashlib
import marshal
import os
import re
import sys
from pathlib import Path

try:  # Python 3.11+: re._compiler; 3.10: sre_compile
    from re import _compiler as _module  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_compile as _module  # type: ignore[no-redef]

MAX_ENTRIES = 2500
"""A record never grows past this many patterns (patterns made from the notes' own words vary by run)."""

_PATH = Path(__file__).resolve().parent / "__pycache__" / f"regex.{sys.implementation.cache_tag}.marshal"
_sre = _module._sre
_STAMP = (2, sys.version, getattr(_sre, "MAGIC", 0), getattr(_sre, "CODESIZE", 0), getattr(_sre, "MAXREPEAT", 0))


class _Recorder:
    """Stands in for ``_sre`` inside the compiler module: remembers the arguments of ``compile``."""

    def __init__(self) -> None:
        self.last: tuple | None = None

    def compile(self, *args):
        self.last = args
        return _sre.compile(*args)

    def __getattr__(self, name):
        return getattr(_sre, name)


def _plain(value):
    """``value`` with int subclasses (the compiler's named opcodes) as plain ints, which marshal writes."""
    if isinstance(value, bool) or value is None or isinstance(value, (str, bytes)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    return value


def _load(path: Path) -> dict:
    try:
        stamp, entries = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return entries if stamp == _STAMP and isinstance(entries, dict) else {}


def _key(p, flags: int) -> bytes:
    """A short key for (pattern, flags): the record keeps each entry's arguments as bytes, decoded on use."""
    return hashlib.blake2b(marshal.dumps((p, flags)), digest_size=16).digest()


def install() -> None:
    setting = os.environ.get("FACTDECK_REGEX_CACHE", "")
    if setting == "0" or hasattr(_module.compile, "original"):
        return
    path = Path(setting) if setting else _PATH
    known = _load(path)
    used: dict = {}
    original = _module.compile
    recorder = _Recorder()
    owner = os.getpid()

    def compile(p, flags=0):
        if not isinstance(p, (str, bytes)) or flags & re.DEBUG:
            return original(p, flags)
        key = _key(p, int(flags))
        blob = known.get(key)
        if blob is not None:
            try:
                args = marshal.loads(blob)
                if args[0] != p:
                    raise ValueError("another pattern")
                pattern = _sre.compile(*args)
            except Exception:  # a damaged record: compile as usual
                pass
            else:
                used[key] = blob
                return pattern
        _module._sre = recorder
        try:
            pattern = original(p, flags)
        finally:
            _module._sre = _sre
        args, recorder.last = recorder.last, None
        if args is not None and args and args[0] == p:
            try:
                used[key] = marshal.dumps(_plain(args))
            except ValueError:
                pass
        return pattern

    def save() -> None:
        if os.getpid() != owner or all(k in known for k in used):
            return
        new = {k: v for k, v in used.items() if k not in known}
        entries = {**known, **new} if len(known) + len(new) <= MAX_ENTRIES else {**used, **new}
        if len(entries) > MAX_ENTRIES:
            return
        try:
            data = marshal.dumps((_STAMP, entries))
            path.parent.mkdir(exist_ok=True)
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, path)
        except (OSError, ValueError):
            pass

    compile.original = original  # type: ignore[attr-defined]
    compile.known = known  # type: ignore[attr-defined]
    _module.compile = compile
    atexit.register(save)
