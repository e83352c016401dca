"""factdeck: plain Markdown study notes in, atomic Anki flashcards out."""
from .build import BuildResult, build, extract
from .errors import BuildError, FactdeckError

__all__ = ["build", "extract", "BuildResult", "BuildError", "FactdeckError"]
__version__ = "0.1.0"
