"""Print an article of a shared corpus with character offsets, for hand-coding the audit gold.

    python scripts/audit_show.py re3d 001C9C3F3DFE16B4921B1E906F66E161
    python scripts/audit_show.py gwn 12
    python scripts/audit_show.py lgl --list     # index, sha1 and the first words of each article
    python scripts/audit_check.py eval/audit    # validate gold files (see audit_check.py)
"""

from __future__ import annotations

import os
import re
import sys

from eventcoder.eval.sources import corpus_text, corpus_texts, shared_data_dir, text_hash


def main(argv: list[str]) -> int:
    corpus, key = argv[0], argv[1]
    data = shared_data_dir(os.environ.get("EVENTCODER_SHARED_DATA"))
    if key == "--list":
        for k, t in corpus_texts(corpus, data).items():
            print(f"{k}\t{text_hash(t)}\t{len(t)}\t{' '.join(t.split())[:110]}")
        return 0
    text = corpus_text(corpus, key, data)
    print(f"# {corpus} {key} sha1={text_hash(text)} chars={len(text)}")
    # sentences by a simple splitter, with offsets, so spans can be written down
    for m in re.finditer(r"\S.*?(?:[.!?][\"')\]]*(?=\s)|\n|$)", text, re.S):
        print(f"[{m.start()},{m.end()}] {m.group(0).strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
