"""factdeck's own YAML data files, loaded once and kept between runs as Python keeps bytecode.

The lexicon and the service catalog are about 80 KB of YAML; building Python objects from them is a few
hundredths of a second of every build. The loaded value is kept beside factdeck's bytecode
(``__pycache__/data.<name>.<python tag>.marshal``) with a digest of the text it came from: a changed file,
another Python, or a missing, damaged or unwritable record only means loading the YAML as usual.
``FACTDECK_REGEX_CACHE=0`` (the switch for both records) turns it off. Only for the package's own files:
notes and deck.yaml are always read afresh.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import sys
from pathlib import Path
from typing import Callable

_FOLDER = Path(__file__).resolve().parent / "__pycache__"
_STAMP = (sys.version, marshal.version)


def cached(name: str, text: str, load: Callable[[str], object]) -> object:
    """``load(text)``, or the value a previous run recorded for the same ``text`` under ``name``."""
    if os.environ.get("FACTDECK_REGEX_CACHE", "") == "0":
        return load(text)
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    path = _FOLDER / f"data.{name}.{sys.implementation.cache_tag}.marshal"
    try:
        stamp, seen, value = marshal.loads(path.read_bytes())
        if stamp == _STAMP and seen == digest:
            return value
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = load(text)
    try:
        data = marshal.dumps((_STAMP, digest, value))
        _FOLDER.mkdir(exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except (OSError, ValueError):  # not marshal-able, or a read-only install: load it every time
        pass
    return value
