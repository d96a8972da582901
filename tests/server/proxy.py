"""A TCP proxy on 127.0.0.1 that counts the bytes each way and, when armed, cuts the
connection after a given number of bytes in one direction (a rural link dropping)."""

from __future__ import annotations

import contextlib
import socket
import threading

UP, DOWN = "up", "down"  # client → server, server → client


class CuttingProxy:
    def __init__(self, target_port: int) -> None:
        self.target = ("127.0.0.1", target_port)
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.port = self.listener.getsockname()[1]
        self.bytes = {UP: 0, DOWN: 0}
        self.cuts = 0
        self._armed: dict[str, int] = {}  # direction: bytes still to pass before the cut
        self._lock = threading.Lock()
        self._closing = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def cut_after(self, direction: str, count: int) -> None:
        with self._lock:
            self._armed[direction] = count

    def close(self) -> None:
        self._closing = True
        self.listener.close()

    def _accept(self) -> None:
        while not self._closing:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            pair = (client, server)
            threading.Thread(target=self._pump, args=(client, server, UP, pair),
                             daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, DOWN, pair),
                             daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket, direction: str,
              pair: tuple[socket.socket, socket.socket]) -> None:
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                cut = False
                with self._lock:
                    left = self._armed.get(direction)
                    if left is not None and len(data) >= left:
                        data, cut = data[:left], True
                        del self._armed[direction]
                        self.cuts += 1
                    elif left is not None:
                        self._armed[direction] = left - len(data)
                    self.bytes[direction] += len(data)
                if data:
                    dst.sendall(data)
                if cut:
                    break
        except OSError:
            pass
        finally:
            for s in pair:
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()
