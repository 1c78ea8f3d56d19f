"""The errors a user can act on, under one base class.

Every error eventcoder raises because of what it was given -- an unreadable input, a bad
database URL, a missing model, file or gazetteer, a malformed actor file or gold record -- is an
:class:`EventcoderError`. The command line turns exactly these (and the operating system's file
errors) into a one-line message and a non-zero exit; anything else is a bug and keeps its
traceback, so it gets reported rather than disguised as bad input.

Each class also derives from the built-in exception it replaced (``ValueError``,
``RuntimeError``, ``FileNotFoundError``), so code that caught those keeps working::

    try:
        events = eventcoder.code_text(text, date="2025-03-10")
    except eventcoder.EventcoderError as err:
        print(f"cannot code this text: {err}")
"""

from __future__ import annotations


class EventcoderError(Exception):
    """Base of every error caused by eventcoder's input or set-up (not by a bug)."""


class InputError(EventcoderError, ValueError):
    """An article, record or option value that cannot be used as given."""


class ConfigError(EventcoderError, ValueError):
    """A setting that cannot work: a bad export format, a model or data file of another
    version."""


class MissingFileError(EventcoderError, FileNotFoundError):
    """A file named in a setting or an option does not exist."""


class ResourceError(EventcoderError, RuntimeError):
    """A resource eventcoder needs (a spaCy pipeline, a gazetteer) is missing or unreadable."""


__all__ = ["ConfigError", "EventcoderError", "InputError", "MissingFileError", "ResourceError"]
