#!/usr/bin/python3
"""Checks that the built site needs no network: no page, stylesheet or script refers to a font,
script, image, stylesheet or frame on the web.

    check_offline.py SITE_DIR

Links in prose (`<a href="https://www.rfc-editor.org/...">`) are fine: following one is the
reader's choice. Everything a browser loads by itself is not: <link href>, <script src>,
<img src>/<source srcset>, <iframe>/<object>/<embed>/<video>/<audio> sources, url(...) and
@import in stylesheets and style attributes, and URLs in the code of scripts (comments aside).
Protocol-relative URLs (//host/...) count as external. Prints one line per reference found and
exits 1 if there is any. docs.browser checks the same at run time, in a real browser.
"""

import html.parser
import os
import re
import sys

# XML namespace names look like URLs but are only names; no browser fetches them.
NAMESPACES = ("http://www.w3.org/2000/svg", "http://www.w3.org/1999/xhtml", "http://www.w3.org/1999/xlink",
              "http://www.w3.org/XML/1998/namespace", "http://www.w3.org/1998/Math/MathML")
EXTERNAL = re.compile(r"^\s*(https?:)?//", re.I)
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""", re.I)
RESOURCE_ATTRIBUTES = {
    "link": ("href",), "script": ("src",), "img": ("src", "srcset"), "source": ("src", "srcset"),
    "iframe": ("src",), "frame": ("src",), "embed": ("src",), "object": ("data",), "video": ("src", "poster"),
    "audio": ("src",), "track": ("src",), "input": ("src",), "image": ("href", "xlink:href"), "use": ("href", "xlink:href"),
}


class Scanner(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and (attributes.get("rel") or "").lower() in ("canonical", "alternate", "author", "license"):
            return  # metadata for tools, never loaded by the browser
        for name in RESOURCE_ATTRIBUTES.get(tag, ()):
            value = attributes.get(name)
            if not value:
                continue
            for candidate in value.split(","):
                url = candidate.strip().split(" ")[0]
                if EXTERNAL.match(url):
                    self.found.append(f"<{tag} {name}={url}>")
        style = attributes.get("style")
        if style:
            self.css(style, f"<{tag} style>")
        self.in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            self.css(data, "<style>")

    def css(self, text, where):
        for match in CSS_URL.finditer(text):
            url = match.group(1) or match.group(2)
            if EXTERNAL.match(url):
                self.found.append(f"{where} {url}")


def strip_js_comments(text):
    # Good enough for the site's scripts: block comments, then line comments that are not inside a
    # string on the same line (a URL in a string has "//" after a quote and a scheme).
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return "\n".join(re.sub(r"(^|[^:'\"\\])//.*$", r"\1", line) for line in text.splitlines())


def main():
    site = os.path.abspath(sys.argv[1])
    if not os.path.isfile(os.path.join(site, "index.html")):
        print(f"check_offline: no site in {site}: build it first (cmake --build BUILD --target docs)")
        return 1
    problems = []
    counts = {"html": 0, "css": 0, "js": 0}
    for folder, dirs, files in os.walk(site):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            where = os.path.relpath(path, site)
            extension = name.rsplit(".", 1)[-1].lower()
            if extension not in counts:
                continue
            counts[extension] += 1
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
            if extension == "html":
                scanner = Scanner()
                scanner.feed(text)
                problems += [f"{where}: {item}" for item in scanner.found]
            elif extension == "css":
                for match in CSS_URL.finditer(text):
                    url = match.group(1) or match.group(2)
                    if EXTERNAL.match(url):
                        problems.append(f"{where}: url({url})")
            else:
                for match in re.finditer(r"""['"`](https?:)?//[^'"`\s]+""", strip_js_comments(text)):
                    if match.group(0)[1:] in NAMESPACES:
                        continue
                    problems.append(f"{where}: script refers to {match.group(0)[1:]}")
    for problem in problems:
        print("check_offline: " + problem)
    print(f"check_offline: {counts['html']} pages, {counts['css']} stylesheets, {counts['js']} scripts; "
          f"{len(problems)} reference(s) to the web")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
