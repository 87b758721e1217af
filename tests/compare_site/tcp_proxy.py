"""A TCP proxy on 127.0.0.1 that can be frozen: it keeps every connection open but stops
passing bytes either way, as a hung network path or database host does."""

from __future__ import annotations

import select
import socket
import threading
import time


class FreezableProxy:
    def __init__(self, target_host: str, target_port: int):
        self.target = (target_host, target_port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.frozen = threading.Event()
        self.stopped = threading.Event()
        self.sockets: list[socket.socket] = []

    def __enter__(self) -> FreezableProxy:
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopped.set()
        self.listener.close()
        for sock in self.sockets:
            sock.close()

    def freeze(self) -> None:
        self.frozen.set()

    def thaw(self) -> None:
        self.frozen.clear()

    def _accept(self) -> None:
        self.listener.settimeout(0.2)
        while not self.stopped.is_set():
            try:
                client, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            upstream = socket.create_connection(self.target, timeout=5)
            self.sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while not self.stopped.is_set():
                if self.frozen.is_set():
                    time.sleep(0.05)  # read nothing, pass nothing: the bytes wait in buffers
                    continue
                ready, _, _ = select.select([source], [], [], 0.1)
                if not ready:
                    continue
                data = source.recv(65536)
                if not data:
                    break
                while self.frozen.is_set() and not self.stopped.is_set():
                    time.sleep(0.05)
                sink.sendall(data)
        except (OSError, ValueError):  # the other direction closed the sockets first
            pass
        finally:
            source.close()
            sink.close()
