"""The job's Pipes messages are parsed only once each line is whole, however the writes are split."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

from sentinel_assets.pipes_file_reader import whole_lines


def test_a_line_written_in_pieces_is_read_once_whole(tmp_path: Path) -> None:
    path = tmp_path / "messages"
    path.write_text("")
    message = json.dumps({"method": "report_custom_message", "params": {"payload": "x" * 900}})
    done = threading.Event()

    def write() -> None:
        with path.open("a", encoding="utf-8") as stream:
            stream.write('{"method": "opened"}\n')
            stream.flush()
            for start in range(0, len(message), 300):  # a long message lands in several writes
                stream.write(message[start:start + 300])
                stream.flush()
                time.sleep(0.05)  # the reader polls every 10 ms: it sees the partial line
            stream.write("\n" + '{"method": "closed"}')  # the last line without its newline
            stream.flush()
        done.set()

    writer = threading.Thread(target=write)
    writer.start()
    lines = list(whole_lines(str(path), done))
    writer.join()
    assert [json.loads(line)["method"] for line in lines] == ["opened", "report_custom_message", "closed"]
    assert json.loads(lines[1]) == json.loads(message)
