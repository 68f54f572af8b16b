"""Open a report in headless Chromium and record what happened: a tiny DevTools client.

The end-to-end test and the README screenshot need the same thing: load the file with the
network refused, collect console errors and failed requests, then screenshot and print it.
Chromium's DevTools protocol gives all of that; this module speaks it over a plain socket
(a minimal WebSocket client) so that no extra package, and no browser a test tool would
download, is needed. It drives Debian's `chromium`.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import socket
import struct
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

#: Flags that keep Chromium from calling home and refuse all network access: every request
#: goes to a proxy on the discard port, which nothing listens on, loopback included.
CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--metrics-recording-only",
    "--mute-audio",
    "--hide-scrollbars",
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
)


def find_chromium() -> str | None:
    """The Chromium binary, if installed."""
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


class WebSocket:
    """Just enough of RFC 6455 for DevTools: text frames, client masking, no extensions."""

    def __init__(self, host: str, port: int, path: str, timeout: float = 30.0) -> None:
        self.sock = socket.create_connection((host, port), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        request = (f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
                   f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                   "Sec-WebSocket-Version: 13\r\n\r\n")
        self.sock.sendall(request.encode())
        response = b""
        while b"\r\n\r\n" not in response:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("DevTools closed the connection during the handshake")
            response += chunk
        head, _, self.buffer = response.partition(b"\r\n\r\n")
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raise ConnectionError(f"DevTools refused the WebSocket: {head[:200]!r}")

    def send(self, text: str) -> None:
        payload = text.encode()
        header = bytearray([0x81])  # FIN + text
        n = len(payload)
        if n < 126:
            header.append(0x80 | n)
        elif n < 1 << 16:
            header.append(0x80 | 126)
            header += struct.pack(">H", n)
        else:
            header.append(0x80 | 127)
            header += struct.pack(">Q", n)
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(bytes(header) + mask + masked)

    def _read(self, n: int) -> bytes:
        while len(self.buffer) < n:
            chunk = self.sock.recv(max(65536, n - len(self.buffer)))
            if not chunk:
                raise ConnectionError("DevTools closed the connection")
            self.buffer += chunk
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def receive(self) -> str:
        """The next complete text message (control frames are handled here)."""
        message = b""
        while True:
            first, second = self._read(2)
            opcode, length = first & 0x0F, second & 0x7F
            if length == 126:
                length = struct.unpack(">H", self._read(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", self._read(8))[0]
            if second & 0x80:
                mask = self._read(4)
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(self._read(length)))
            else:
                payload = self._read(length)
            if opcode == 0x8:
                raise ConnectionError("DevTools closed the WebSocket")
            if opcode == 0x9:  # ping: answer with a masked pong
                self.sock.sendall(bytes([0x8A, 0x80 | len(payload)]) + b"\0\0\0\0" + payload)
                continue
            if opcode in (0x1, 0x2, 0x0):
                message += payload
                if first & 0x80:
                    return message.decode()

    def close(self) -> None:
        self.sock.close()


@dataclass
class PageLoad:
    """What happened while a page loaded: the evidence the end-to-end test asserts on."""

    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    loaded: bool = False


class Chromium:
    """A headless Chromium with one page, driven over DevTools. Use as a context manager."""

    def __init__(self, binary: str | None = None, width: int = 1200, height: int = 900) -> None:
        self.binary = binary or find_chromium()
        if not self.binary:
            raise FileNotFoundError("chromium is not installed (apt-get install chromium)")
        self.width, self.height = width, height
        self._next_id = 0
        self._events: list[dict[str, Any]] = []

    def __enter__(self) -> Chromium:
        self._profile = tempfile.TemporaryDirectory(prefix="csc-chromium-")
        self.process = subprocess.Popen(
            [self.binary, *CHROMIUM_FLAGS, f"--user-data-dir={self._profile.name}",
             "--remote-debugging-port=0", f"--window-size={self.width},{self.height}",
             "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        port_file = Path(self._profile.name) / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.exists() and len(port_file.read_text().splitlines()) >= 2):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self._stop()
                raise RuntimeError("chromium did not start its DevTools endpoint")
            time.sleep(0.05)
        port, path = port_file.read_text().splitlines()[:2]
        self.ws = WebSocket("127.0.0.1", int(port), path)
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget",
                                 {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable", session=True)
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": self.width, "height": self.height, "deviceScaleFactor": 1,
                   "mobile": False}, session=True)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        with contextlib.suppress(OSError, RuntimeError):  # it may hang up before answering
            self.call("Browser.close")
        self._stop()

    def _stop(self) -> None:
        if hasattr(self, "ws"):
            self.ws.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._profile.cleanup()

    def call(self, method: str, params: dict[str, Any] | None = None,
             session: bool = False) -> dict[str, Any]:
        """Send one command and wait for its answer, keeping the events that arrive meanwhile."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method,
                                   "params": params or {}}
        if session:
            message["sessionId"] = self.session
        self.ws.send(json.dumps(message))
        while True:
            answer = json.loads(self.ws.receive())
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            if "method" in answer:
                self._events.append(answer)

    def _wait_for(self, method: str, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        self.ws.sock.settimeout(timeout)
        while time.monotonic() < deadline:
            if any(e["method"] == method for e in self._events):
                return True
            try:
                event = json.loads(self.ws.receive())
            except TimeoutError:
                return False
            if "method" in event:
                self._events.append(event)
        return any(e["method"] == method for e in self._events)

    def open(self, url: str, timeout: float = 30.0) -> PageLoad:
        """Navigate and wait for the load event; report console errors and failed requests."""
        self._events.clear()
        self.call("Page.navigate", {"url": url}, session=True)
        loaded = self._wait_for("Page.loadEventFired", timeout)
        # Let late console messages or requests arrive.
        self.evaluate("document.readyState")
        result = PageLoad(loaded=loaded)
        for event in self._events:
            method, params = event["method"], event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                args = params.get("args", [])
                result.console_errors.append(" ".join(str(a.get("value", a)) for a in args))
            elif method == "Runtime.exceptionThrown":
                result.console_errors.append(str(params.get("exceptionDetails", {})))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                entry = params["entry"]
                result.console_errors.append(f"{entry.get('source')}: {entry.get('text')} "
                                             f"{entry.get('url', '')}".strip())
            elif method == "Network.requestWillBeSent":
                result.requests.append(params.get("request", {}).get("url", ""))
            elif method == "Network.loadingFailed":
                result.failed_requests.append(
                    f"{params.get('errorText')} ({params.get('requestId')})")
            elif method == "Network.responseReceived":
                status = params.get("response", {}).get("status", 0)
                if status >= 400:
                    result.failed_requests.append(
                        f"HTTP {status} {params['response'].get('url')}")
        return result

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (returned by value)."""
        answer = self.call("Runtime.evaluate",
                           {"expression": expression, "returnByValue": True}, session=True)
        if "exceptionDetails" in answer:
            raise RuntimeError(f"evaluate failed: {answer['exceptionDetails']}")
        return answer.get("result", {}).get("value")

    def screenshot(self, path: Path, full_page: bool = False,
                   clip_height: int | None = None) -> Path:
        """A PNG of the page: the viewport, the first clip_height pixels, or the whole page."""
        params: dict[str, Any] = {"format": "png"}
        if full_page or clip_height:
            height = int(self.evaluate("document.documentElement.scrollHeight"))
            if clip_height:
                height = min(height, clip_height)
            params["captureBeyondViewport"] = True
            params["clip"] = {"x": 0, "y": 0, "width": self.width, "height": height,
                              "scale": 1}
        data = self.call("Page.captureScreenshot", params, session=True)["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    def print_pdf(self, path: Path) -> Path:
        """The page printed as the print stylesheet asks (A4, backgrounds kept)."""
        data = self.call("Page.printToPDF",
                         {"preferCSSPageSize": True, "printBackground": True},
                         session=True)["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path
