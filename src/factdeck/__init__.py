"""factdeck: plain Markdown study notes in, atomic Anki flashcards out."""
from . import _regex_cache

_regex_cache.install()  # before the modules below compile their patterns
from .build import BuildResult, build, extract
from .errors import BuildError, FactdeckError

__all__ = ["build", "extract", "BuildResult", "BuildError", "FactdeckError"]
__version__ = "0.1.0"
