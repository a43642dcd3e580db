"""Pipes messages from a temporary file, handed on one whole line at a time.

Dagster's own file reader tails the file with `readline()` and parses whatever it gets. When it reads
while the job script is in the middle of writing a long message, it gets half a line, the JSON fails to
parse, and the step fails although the job succeeded (seen on a 900-character report). This reader keeps
a partial line until its newline arrives. It implements Dagster's public `PipesMessageReader` interface.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from dagster import PipesMessageHandler, PipesMessageReader
from dagster_pipes import PipesDefaultMessageWriter, PipesParams

# How often an idle reader looks for a new line. Messages are few (a materialization or check each): a
# shorter wait only takes CPU from the job it is reading, which shares this machine's cores.
POLL_SECONDS = 0.05


class WholeLineFileMessageReader(PipesMessageReader):
    @property
    def expected_writer_count(self) -> int:  # the job script is the one writer (the base warns it is preview)
        return 1

    @contextmanager
    def read_messages(self, handler: PipesMessageHandler) -> Iterator[PipesParams]:
        with tempfile.TemporaryDirectory(prefix="sentinel-pipes-") as folder:
            path = os.path.join(folder, "messages")
            open(path, "w", encoding="utf-8").close()
            done = threading.Event()
            thread = threading.Thread(target=self._read, args=(path, handler, done), daemon=True)
            thread.start()
            try:
                yield {PipesDefaultMessageWriter.FILE_PATH_KEY: path}
            finally:
                done.set()  # the writer has exited: what is in the file now is all there is
                thread.join()

    def _read(self, path: str, handler: PipesMessageHandler, done: threading.Event) -> None:
        try:
            for line in whole_lines(path, done):
                handler.handle_message(json.loads(line))
        except Exception:
            handler.report_pipes_framework_exception(f"{type(self).__name__} reader thread", sys.exc_info())
            raise

    def no_messages_debug_text(self) -> str:
        return "Attempted to read messages from a temporary file (PipesDefaultMessageWriter's file channel)."


def whole_lines(path: str, done: threading.Event) -> Iterator[str]:
    """The file's complete lines as they are written, until `done` and the end of the file."""
    pending = ""
    with open(path, encoding="utf-8") as stream:
        while True:
            chunk = stream.readline()
            if chunk:
                pending += chunk
                if pending.endswith("\n"):
                    yield pending
                    pending = ""
            elif done.is_set():
                break
            else:
                time.sleep(POLL_SECONDS)
    if pending.strip():  # a last message without its newline
        yield pending
