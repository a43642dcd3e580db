"""A cheap identity of what a local delivery store holds: every file's path, size and modification time.

Reading no file content, it costs a directory walk; a file rewritten in place keeps its size and time only
if the writer forges them, which billing exports do not (the same trade git's index makes).
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def source_fingerprint(root: Path) -> str:
    digest = hashlib.sha256()
    if root.is_file():
        stat = root.stat()
        digest.update(f"{root}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    elif root.is_dir():
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            stat = path.stat()
            digest.update(f"{path.relative_to(root)}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()
