"""Clearing the way for a timed build without timing the file system's side of it (standard library only)."""

import os
import shutil
import tempfile


def discard(path, folder):
    """Moves path (an earlier round's output or cache folder) into a new folder under folder, to be deleted
    once nothing is timed any more, then writes every dirty page back (untimed). Deleting it right before the
    next build would time the file system instead: ext4 without a journal (the benchmark machine's) does not
    reuse an inode freed less than a minute ago (six minutes while its table block is not yet written back), and
    looks at each such inode of the group before it picks another for a new file, so every file a build created
    walked over the thousands the last round freed. And without the write-back, the kernel would write the
    outputs kept aside (and allocate their blocks) while later builds run. A path that cannot be moved (no
    such case is known) is deleted, so that a run never fails for it."""
    if os.path.lexists(path):
        try:
            os.makedirs(folder, exist_ok=True)
            os.rename(path, os.path.join(tempfile.mkdtemp(dir=folder), os.path.basename(path)))
        except OSError:
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path, ignore_errors=True)
            else:
                try:
                    os.unlink(path)
                except OSError:
                    pass
    os.sync()
