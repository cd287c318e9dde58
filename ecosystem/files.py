"""Writing files so that a crash, a full disk or a killed process never leaves half a file.

Every exporter (maps, reports, graph files, the template) writes through :func:`write_atomically`.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

__all__ = ["write_atomically"]


def write_atomically(path: str | Path, data: bytes, *, create_folder: bool = True) -> Path:
    """Write ``data`` to a temporary file next to ``path``, flush it to disk, then rename it over
    ``path``; on failure the previous file (if any) is left intact and no temporary file remains.

    Raises ``OSError``: callers turn it into their own one-line message.
    """
    path = Path(path)
    folder = path.parent
    temporary = folder / f".{path.name[:100]}.{secrets.token_hex(6)}.tmp"
    if create_folder:
        folder.mkdir(parents=True, exist_ok=True)
    # os.open with 0o666 lets the umask decide the permissions, as for any file we create.
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    if hasattr(os, "O_DIRECTORY"):  # make the rename itself durable (POSIX)
        with contextlib.suppress(OSError):
            dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
    return path
