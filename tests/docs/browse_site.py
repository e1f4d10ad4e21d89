#!/usr/bin/python3
"""Opens the built site in headless Chromium, as a reader would, and fails on what a reader sees.

    browse_site.py SITE_DIR OUT_DIR [--chromium PATH] [--start index.html]
                   [--screenshot PAGE=FILE.png]... [--search WORD]

Starting at the start page, every page reachable through internal links is loaded in a real
browser (Debian's chromium, headless, offline flags, a fresh profile) and checked:

- every internal link points to a file that exists, and its #fragment to an element of that page;
- every image has loaded (the browser decoded it: naturalWidth > 0);
- no request failed (a stylesheet, script, font or image the page names but the site lacks);
- no request left the machine (only file:, data:, blob: and about: URLs are allowed);
- no script threw an exception.

Then the search page is asked for a word and must list results (the search index works offline),
and screenshots are saved for people to look at (ctest attaches them to the test).

The browser is driven through the Chrome DevTools Protocol over a WebSocket, with nothing but the
Python standard library. Exit status: 0 when everything holds, 1 with one line per problem
otherwise, 77 (ctest's "skipped") when Chromium is not installed.
"""

import argparse
import base64
import http.client
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import deque

SKIPPED = 77
ALLOWED_SCHEMES = {"file", "data", "blob", "about", "chrome-error"}
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
]


class WebSocket:
    """A minimal RFC 6455 client: text frames out (masked), whole messages in."""

    def __init__(self, url, timeout):
        parts = urllib.parse.urlsplit(url)
        self.sock = socket.create_connection((parts.hostname, parts.port), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        request = (f"GET {parts.path} HTTP/1.1\r\nHost: {parts.hostname}:{parts.port}\r\n"
                   f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                   "Sec-WebSocket-Version: 13\r\n\r\n")
        self.sock.sendall(request.encode())
        response = b""
        while b"\r\n\r\n" not in response:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("the browser closed the DevTools connection during the handshake")
            response += chunk
        head, self.buffer = response.split(b"\r\n\r\n", 1)
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raise ConnectionError("DevTools refused the WebSocket: " + head.split(b"\r\n", 1)[0].decode())

    def send(self, text):
        payload = text.encode()
        header = bytearray([0x81])
        if len(payload) < 126:
            header.append(0x80 | len(payload))
        elif len(payload) < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", len(payload))
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", len(payload))
        mask = os.urandom(4)
        header += mask
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(bytes(header) + masked)

    def _read(self, count):
        while len(self.buffer) < count:
            chunk = self.sock.recv(1 << 16)
            if not chunk:
                raise ConnectionError("the browser closed the DevTools connection")
            self.buffer += chunk
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def receive(self):
        message = b""
        while True:
            first, second = self._read(2)
            length = second & 0x7F
            if length == 126:
                length = struct.unpack(">H", self._read(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", self._read(8))[0]
            mask = self._read(4) if second & 0x80 else None
            payload = self._read(length)
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            opcode = first & 0x0F
            if opcode == 0x8:
                raise ConnectionError("the browser closed the DevTools connection")
            if opcode in (0x9, 0xA):  # ping, pong: nothing to do for a short-lived client
                continue
            message += payload
            if first & 0x80:
                return message.decode()


class Page:
    """One browser tab driven through the DevTools protocol."""

    def __init__(self, websocket_url, timeout):
        self.ws = WebSocket(websocket_url, timeout)
        self.timeout = timeout
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        wanted = self.next_id
        self.ws.send(json.dumps({"id": wanted, "method": method, "params": params}))
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            message = json.loads(self.ws.receive())
            if message.get("id") == wanted:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error'].get('message')}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)
        raise TimeoutError(f"{method}: no answer within {self.timeout}s")

    def wait_for(self, event_name):
        deadline = time.monotonic() + self.timeout
        for index, event in enumerate(self.events):
            if event["method"] == event_name:
                del self.events[: index + 1]
                return event
        while time.monotonic() < deadline:
            message = json.loads(self.ws.receive())
            if "method" in message:
                if message["method"] == event_name:
                    return message
                self.events.append(message)
        raise TimeoutError(f"no {event_name} within {self.timeout}s")

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError("script failed: " + json.dumps(result["exceptionDetails"])[:300])
        return result["result"].get("value")

    def navigate(self, url):
        self.events.clear()
        self.call("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")
        self.evaluate("document.fonts.ready.then(() => true)")
        return self.drain()

    def drain(self):
        """Takes the events received so far (network requests, failures, exceptions)."""
        events, self.events = self.events, []
        return events


PAGE_FACTS = """(() => ({
  url: location.href,
  title: document.title,
  ids: Array.from(document.querySelectorAll('[id], a[name]')).map(e => e.id || e.getAttribute('name')),
  links: Array.from(document.querySelectorAll('a[href]')).map(a => a.href),
  images: Array.from(document.images).map(i => ({src: i.currentSrc || i.src, loaded: i.complete && i.naturalWidth > 0})),
  height: Math.ceil(document.documentElement.scrollHeight),
}))()"""


def start_chromium(chromium, profile, log):
    process = subprocess.Popen([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
                               stdout=log, stderr=log, stdin=subprocess.DEVNULL)
    port_file = os.path.join(profile, "DevToolsActivePort")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"chromium exited with status {process.returncode} (see {log.name})")
        if os.path.exists(port_file):
            with open(port_file) as f:
                lines = f.read().split()
            if len(lines) >= 1 and lines[0].isdigit():
                return process, int(lines[0])
        time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"chromium did not open its DevTools port within 30s (see {log.name})")


def page_websocket(port):
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/json/list")
        targets = json.loads(connection.getresponse().read())
        connection.close()
        for target in targets:
            if target.get("type") == "page" and target.get("webSocketDebuggerUrl"):
                return target["webSocketDebuggerUrl"]
        time.sleep(0.1)
    raise RuntimeError("chromium has no page to drive")


def file_url(path):
    return "file://" + urllib.parse.quote(os.path.abspath(path))


def local_path(url):
    return urllib.parse.unquote(urllib.parse.urlsplit(url).path)


def screenshot(page, path, width, height):
    page.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)
    data = page.call("Page.captureScreenshot", format="png")["data"]
    with open(path, "wb") as f:
        f.write(base64.b64decode(data))
    page.call("Emulation.setDeviceMetricsOverride", width=width, height=900, deviceScaleFactor=1, mobile=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", help="the built site (the folder holding index.html)")
    parser.add_argument("out", help="where to write screenshots and the browser's log")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--start", default="index.html")
    parser.add_argument("--screenshot", action="append", default=[], metavar="PAGE=FILE.png",
                        help="save a screenshot of PAGE (relative to SITE) as FILE.png in OUT")
    parser.add_argument("--search", default="", help="a word the search page must find")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--max-height", type=int, default=2400)
    parser.add_argument("--timeout", type=float, default=60)
    args = parser.parse_args()

    chromium = shutil.which(args.chromium) or (args.chromium if os.access(args.chromium, os.X_OK) else None)
    if chromium is None:
        print(f"browse_site: skipped: no Chromium at {args.chromium} (apt-get install chromium)")
        return SKIPPED
    site = os.path.realpath(args.site)
    start = os.path.join(site, args.start)
    if not os.path.isfile(start):
        print(f"browse_site: no start page {start}: build the site first (cmake --build BUILD --target docs)")
        return 1
    os.makedirs(args.out, exist_ok=True)
    version = subprocess.run([chromium, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"browse_site: {version or chromium}, site {site}")

    problems = []
    profile = tempfile.mkdtemp(prefix="pktdoc-chromium-")
    log = open(os.path.join(args.out, "chromium.log"), "w")
    process = None
    try:
        process, port = start_chromium(chromium, profile, log)
        page = Page(page_websocket(port), args.timeout)
        for domain in ("Page", "Network", "Runtime"):
            page.call(f"{domain}.enable")
        page.call("Emulation.setDeviceMetricsOverride", width=args.width, height=900, deviceScaleFactor=1,
                  mobile=False)

        queue = deque([os.path.realpath(start)])
        seen = {os.path.realpath(start)}
        ids = {}       # page path -> ids on it
        wanted = []    # (from page, link url, target path, fragment)
        visited = 0
        while queue:
            path = queue.popleft()
            where = os.path.relpath(path, site)
            events = page.navigate(file_url(path))
            facts = page.evaluate(PAGE_FACTS)
            visited += 1
            ids[path] = set(facts["ids"])
            requests = {}
            for event in events:
                method, params = event["method"], event.get("params", {})
                if method == "Network.requestWillBeSent":
                    url = params["request"]["url"]
                    requests[params["requestId"]] = url
                    if urllib.parse.urlsplit(url).scheme not in ALLOWED_SCHEMES:
                        problems.append(f"{where}: requests an outside resource: {url}")
                elif method == "Network.loadingFailed" and not params.get("canceled"):
                    url = requests.get(params["requestId"], "?")
                    problems.append(f"{where}: failed to load {url}: {params.get('errorText')}")
                elif method == "Runtime.exceptionThrown":
                    details = params["exceptionDetails"]
                    text = details.get("exception", {}).get("description") or details.get("text")
                    problems.append(f"{where}: script error: {text}")
            for image in facts["images"]:
                if not image["loaded"]:
                    problems.append(f"{where}: image did not load: {image['src']}")
            for link in facts["links"]:
                parts = urllib.parse.urlsplit(link)
                if parts.scheme != "file":
                    continue  # prose may link to RFCs and registries; the site itself loads nothing from outside
                target = os.path.realpath(urllib.parse.unquote(parts.path))
                if not target.startswith(site + os.sep) and target != site:
                    problems.append(f"{where}: link leaves the site: {link}")
                    continue
                if os.path.isdir(target):
                    target = os.path.join(target, "index.html")
                if not os.path.isfile(target):
                    problems.append(f"{where}: broken link: {link}")
                    continue
                if parts.fragment:
                    wanted.append((where, link, target, urllib.parse.unquote(parts.fragment)))
                if target.endswith(".html") and target not in seen:
                    seen.add(target)
                    queue.append(target)

        for where, link, target, fragment in wanted:
            if target in ids and fragment not in ids[target]:
                problems.append(f"{where}: link to a missing anchor: {link}")

        for request in args.screenshot:
            name, _, picture = request.partition("=")
            events = page.navigate(file_url(os.path.join(site, name)))
            height = min(page.evaluate("Math.ceil(document.documentElement.scrollHeight)"), args.max_height)
            output = os.path.join(args.out, picture)
            screenshot(page, output, args.width, max(height, 600))
            print(f"browse_site: screenshot of {name}: {output}")
        if args.search:
            page.navigate(file_url(os.path.join(site, "search.html")) + "?q=" + urllib.parse.quote(args.search))
            found = 0
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                found = page.evaluate("document.querySelectorAll('#search-results li').length")
                if found:
                    break
                time.sleep(0.2)
            if not found:
                problems.append(f"search.html: searching for '{args.search}' found nothing")
            else:
                print(f"browse_site: search for '{args.search}': {found} result(s)")

        print(f"browse_site: {visited} page(s) loaded, {len(wanted)} anchor link(s) checked")
    except (OSError, RuntimeError, TimeoutError, ConnectionError) as error:
        problems.append(f"browser: {error}")
    finally:
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()
        shutil.rmtree(profile, ignore_errors=True)

    for problem in problems:
        print("browse_site: " + problem)
    if problems:
        print(f"browse_site: {len(problems)} problem(s)")
        return 1
    print("browse_site: no broken links, no missing images, nothing loaded from outside")
    return 0


if __name__ == "__main__":
    sys.exit(main())
