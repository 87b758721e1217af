"""SQLite with persistent connections that notice when their database file goes away.

Opening a SQLite connection in Django costs more than a cached page (the backend registers
its SQL functions and runs the PRAGMAs each time), so workers keep theirs (CONN_MAX_AGE). But
an open connection keeps reading a file that was moved, deleted or replaced underneath it, as
when the volume holding it goes away. With CONN_HEALTH_CHECKS Django asks `is_usable()` before
reusing a connection for a request: here that also compares the file's identity (device and
inode) with the one the connection opened, so such a connection is dropped and the next
attempt fails loudly (a 503) or opens the new file.
"""

from __future__ import annotations

import os

from django.db.backends.sqlite3 import base


def file_identity(name) -> tuple[int, int] | None:
    try:
        stat = os.stat(name)
    except (OSError, TypeError, ValueError):
        return None
    return (stat.st_dev, stat.st_ino)


class DatabaseWrapper(base.DatabaseWrapper):
    opened_identity: tuple[int, int] | None = None

    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        self.opened_identity = file_identity(self.settings_dict["NAME"])
        return connection

    def is_usable(self) -> bool:
        moved = (
            self.opened_identity is not None
            and file_identity(self.settings_dict["NAME"]) != self.opened_identity
        )
        return not moved and super().is_usable()
