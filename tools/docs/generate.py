#!/usr/bin/python3
"""Writes the pages of the site that are computed at build time, into a folder of the build tree:

    deliverables.rst   the deliverables: every public symbol of every header with its status
                       (documented, shown on the site, shown in an example, covered by a golden
                       test), every protocol and component page, every capture of test_cases.tsv
    captures.rst       the captures table alone, for the Captures page
    api-index.rst      Breathe directives for the public symbols that no hand-written page shows
                       yet, so that every symbol is on the site while its page is being written
    versions.rst       the versions of the tools the site was built with
    deliverables.json  the same facts as data, and the gaps, for scripts and tests

    generate.py --source-dir DIR --xml DIR --out DIR [--doxygen PATH] [--dot PATH] [--check]

Stdlib only; run it with Debian's /usr/bin/python3, which has Sphinx, Breathe and the theme (their
versions are read from the modules themselves). Files are rewritten only when their text changes,
so Sphinx rebuilds only what changed. With --check, exits 1 when a public symbol is undocumented or
shown nowhere on the site (not even in the generated API index).
"""

import argparse
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import OrderedDict, defaultdict

YES, NO, PARTLY = "✓", "✗", "◐"
BREATHE_DIRECTIVE = re.compile(r"^(\s*)\.\.\s+doxygen(class|struct|function|enum|variable|typedef|namespace|define|union)::\s*(.+?)\s*$")
OPTION = re.compile(r"^\s+:([a-z-]+):\s*(.*)$")


# ---------------------------------------------------------------------------------------------
# The API, from Doxygen's XML.

class Symbol:
    """One row of a deliverables table: a class, a member (all overloads of one name), a free
    function, an enumeration, a variable, a type alias or a namespace of constants."""

    def __init__(self, name, kind, header, documented, parent=None, signatures=None):
        self.name = name            # fully qualified: pktdoc::TcpSegment::source_port
        self.kind = kind            # class, struct, function, enum, variable, typedef, namespace
        self.header = header        # pktdoc/tcp.hpp
        self.documented = documented
        self.parent = parent        # the enclosing class's Symbol, for members
        self.signatures = signatures or []
        self.members = []
        self.on_site = ""           # "curated", "generated" or ""
        self.pages = set()
        self.examples = set()
        self.golden = set()

    @property
    def short(self):
        return self.name.split("::")[-1]

    @property
    def display(self):
        return self.name[len("pktdoc::"):] if self.name.startswith("pktdoc::") else self.name


def has_text(element):
    return element is not None and "".join(element.itertext()).strip() != ""


def described(node):
    return has_text(node.find("briefdescription")) or has_text(node.find("detaileddescription"))


def location(node):
    loc = node.find("location")
    return loc.get("file", "") if loc is not None else ""


def member_symbols(definition, scope):
    """The functions, enumerations, variables and aliases declared in a namespace, overloads of one
    name grouped into one Symbol."""
    grouped = OrderedDict()
    for section in definition.findall("sectiondef"):
        for member in section.findall("memberdef"):
            member_kind = member.get("kind")
            member_name = member.findtext("name")
            key = (member_name, member_kind)
            documented = described(member)
            if member_kind == "enum":
                documented = documented and all(described(v) for v in member.findall("enumvalue"))
            signature = ((member.findtext("type") or "") + " " + member_name +
                         (member.findtext("argsstring") or "")).strip()
            if key in grouped:
                grouped[key].documented = grouped[key].documented and documented
                grouped[key].signatures.append(signature)
            else:
                grouped[key] = Symbol(f"{scope}::{member_name}", member_kind, location(member), documented, None,
                                      [signature])
    return list(grouped.values())


def load_api(xml_dir):
    """Returns ({header: [Symbol...]}, {header: Doxygen file refid}) with members nested in their
    classes.

    A namespace that holds only constants (pktdoc::tcp_flag) is one row; any other namespace
    (pktdoc, pktdoc::build) contributes its functions, enumerations, variables and aliases as rows
    of their own, and its classes as classes. Nested classes that are not public are not API.
    """
    index = ET.parse(os.path.join(xml_dir, "index.xml")).getroot()
    headers = defaultdict(list)
    files = {}
    scopes = []
    for compound in index.findall("compound"):
        kind = compound.get("kind")
        if kind not in ("class", "struct", "namespace", "file"):
            continue
        tree = ET.parse(os.path.join(xml_dir, compound.get("refid") + ".xml")).getroot()
        definition = tree.find("compounddef")
        name = definition.findtext("compoundname")
        if kind == "file":
            path = location(definition)
            if path and "/detail/" not in path:
                files[path] = compound.get("refid")
            continue
        if not name.startswith("pktdoc") or "::detail" in name:
            continue
        if definition.get("prot", "public") != "public":
            continue
        if kind in ("class", "struct"):
            symbol = Symbol(name, kind, location(definition), described(definition))
            members = OrderedDict()
            for section in definition.findall("sectiondef"):
                if not section.get("kind", "").startswith(("public", "friend")):
                    continue
                for member in section.findall("memberdef"):
                    member_kind = member.get("kind")
                    member_name = member.findtext("name")
                    if member_kind == "friend" and member.findtext("type") in ("class", "struct"):
                        continue  # `friend class X;` grants access; it is not API
                    key = (member_name, "function" if member_kind == "friend" else member_kind)
                    qualified = f"{name}::{member_name}"
                    # Doxygen does not ask for a destructor's comment (nor does docs.doxygen_warnings).
                    documented = described(member) or member_name.startswith("~")
                    if member_kind == "enum":
                        documented = documented and all(described(v) for v in member.findall("enumvalue"))
                    signature = (member.findtext("type") or "") + " " + member_name + (member.findtext("argsstring") or "")
                    if key in members:
                        members[key].documented = members[key].documented and documented
                        members[key].signatures.append(signature.strip())
                    else:
                        members[key] = Symbol(qualified, key[1], location(member), documented, symbol,
                                              [signature.strip()])
            symbol.members = list(members.values())
            headers[symbol.header].append(symbol)
            continue
        members = definition.findall("sectiondef/memberdef")
        constants_only = (name != "pktdoc" and members and all(m.get("kind") == "variable" for m in members)
                          and definition.find("innerclass") is None and definition.find("innernamespace") is None)
        if constants_only:
            documented = described(definition) and all(described(m) for m in members)
            symbol = Symbol(name, "namespace", location(members[0]), documented)
            headers[symbol.header].append(symbol)
        else:
            scopes.append(name)
            for symbol in member_symbols(definition, name):
                headers[symbol.header].append(symbol)
    for header in headers:
        headers[header].sort(key=lambda s: s.name.lower())
    files["scopes"] = sorted(scopes)
    return dict(sorted(headers.items())), files


# ---------------------------------------------------------------------------------------------
# The site: which symbols the hand-written pages show through Breathe.

def rst_files(docs_dir):
    for root, dirs, files in os.walk(docs_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith(("_", ".")) and d != "examples")
        for name in sorted(files):
            if name.endswith(".rst"):
                yield os.path.join(root, name)


def breathe_directives(path):
    """Yields (kind, target, options) for each Breathe directive of an .rst file."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    i = 0
    while i < len(lines):
        match = BREATHE_DIRECTIVE.match(lines[i])
        i += 1
        if not match:
            continue
        options = {}
        while i < len(lines) and OPTION.match(lines[i]):
            key, value = OPTION.match(lines[i]).groups()
            options[key] = value
            i += 1
        yield match.group(2), match.group(3), options


def page_title(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for i in range(len(lines) - 1):
        if lines[i].strip() and re.fullmatch(r"([=\-~^\"'#*+])\1{2,}", lines[i + 1].strip()) \
                and not re.fullmatch(r"([=\-~^\"'#*+])\1{2,}", lines[i].strip()):
            return lines[i].strip()
    return os.path.basename(path)


def strip_signature(target):
    """pktdoc::add_pseudo_header(InternetChecksum&, ...) -> pktdoc::add_pseudo_header"""
    return target.split("(", 1)[0].strip()


def mark_shown(api, docs_dir, generated_targets):
    by_name = {}
    classes = []
    for symbols in api.values():
        for symbol in symbols:
            by_name.setdefault(symbol.name, []).append(symbol)
            if symbol.kind in ("class", "struct"):
                classes.append(symbol)
            for member in symbol.members:
                by_name.setdefault(member.name, []).append(member)

    def show(symbol, page, how, members=None):
        if symbol.on_site != "curated":
            symbol.on_site = how
        symbol.pages.add(page)
        if members is None:
            return
        for member in symbol.members:
            if not members or member.short in members:
                if member.on_site != "curated":
                    member.on_site = how
                member.pages.add(page)
        # Breathe renders nested classes (VlanTags::Iterator) with their enclosing class's members.
        for nested in classes:
            if nested.name.startswith(symbol.name + "::"):
                show(nested, page, how, [])

    pages = {}
    for path in rst_files(docs_dir):
        page = os.path.relpath(path, docs_dir)[:-4]
        pages[page] = {"title": page_title(path), "symbols": []}
        for kind, target, options in breathe_directives(path):
            for symbol in by_name.get(strip_signature(target), []):
                pages[page]["symbols"].append(symbol)
                members = None
                if kind in ("class", "struct") and "members" in options:
                    members = [m.strip() for m in options["members"].split(",") if m.strip()]
                show(symbol, page, "curated", members)
    for symbols in api.values():
        for symbol in symbols:
            if not symbol.on_site and symbol.name in generated_targets:
                show(symbol, "api-index", "generated", [] if symbol.kind in ("class", "struct") else None)
    return pages


def nested_in(symbol, api):
    return any(other is not symbol and other.kind in ("class", "struct") and symbol.name.startswith(other.name + "::")
               for symbols in api.values() for other in symbols)


def uncurated(api, scopes=()):
    """The symbols no hand-written page shows, by header, as Breathe directives; and the namespaces
    that hold classes and functions, declared (without their members) so that the qualified names
    in signatures resolve."""
    lines = []
    targets = set()
    if scopes:
        lines += ["Namespaces", "----------", ""]
        for scope in scopes:
            lines += [f".. doxygennamespace:: {scope}", "   :desc-only:", ""]
    for header, symbols in api.items():
        missing = [s for s in symbols if not s.on_site]
        missing_members = [(s, [m for m in s.members if not m.on_site]) for s in symbols
                           if s.on_site and s.kind in ("class", "struct")]
        missing_members = [(s, ms) for s, ms in missing_members if ms]
        if not missing and not missing_members:
            continue
        title = f"``{header}``"
        lines += [title, "-" * len(title), ""]
        for symbol in missing:
            if nested_in(symbol, api):
                continue  # shown with its enclosing class
            targets.add(symbol.name)
            directive = {"class": "doxygenclass", "struct": "doxygenstruct", "enum": "doxygenenum",
                         "variable": "doxygenvariable", "typedef": "doxygentypedef",
                         "namespace": "doxygennamespace", "function": "doxygenfunction"}.get(symbol.kind)
            if directive is None:
                continue
            if symbol.kind == "function" and len(symbol.signatures) > 1:
                for signature in symbol.signatures:
                    arguments = signature[signature.index("("):]
                    lines += [f".. {directive}:: {symbol.name}{arguments}", ""]
                continue
            lines.append(f".. {directive}:: {symbol.name}")
            if symbol.kind in ("class", "struct"):
                lines += ["   :members:", "   :undoc-members:"]
            lines.append("")
        for symbol, members in missing_members:
            lines.append(f"Members of :cpp:class:`{symbol.display} <{symbol.name}>` that its page does not "
                         f"show: {', '.join('``' + m.short + '``' for m in members)}.")
            lines.append("")
    return lines, targets


# ---------------------------------------------------------------------------------------------
# Examples and golden tests.

def read_cases(source_dir, path=None):
    rows = []
    path = path or os.path.join(source_dir, "test_cases.tsv")
    if not os.path.exists(path):
        return rows
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f.read().splitlines(), 1):
            if number == 1 or not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) >= 3:
                capture = fields[0]
                if not os.path.isabs(capture):
                    capture = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(path)), capture))
                rows.append({"capture": fields[0], "path": capture, "example": fields[1],
                             "conditions": " ".join(fields[2:])})
    return rows


def example_programs(source_dir, cases):
    """{path: {"name", "kind", "golden"}} for examples/*.cpp and docs/examples/*.cpp.

    An example's golden files are those of its test_cases.tsv rows, every file under
    tests/golden/<example>/ (the rows of extra case tables, such as the original project's
    captures in CI), and the tests/golden/docs/<example>_*.txt files of the docs.program tests.
    A snippet's golden file is tests/golden/docs/<snippet>.txt.
    """
    programs = {}
    golden_dir = os.path.join(source_dir, "tests", "golden")
    docs_golden = os.path.join(golden_dir, "docs")
    snippet_dir = os.path.join(source_dir, "docs", "examples")
    snippets = {n[:-4] for n in os.listdir(snippet_dir) if n.endswith(".cpp")} if os.path.isdir(snippet_dir) else set()
    for folder, kind in (("examples", "example"), (os.path.join("docs", "examples"), "snippet")):
        directory = os.path.join(source_dir, folder)
        if not os.path.isdir(directory):
            continue
        for name in sorted(os.listdir(directory)):
            if not name.endswith((".cpp", ".hpp")):
                continue
            stem = name.rsplit(".", 1)[0]
            goldens = []
            if kind == "example":
                for row in cases:
                    if row["example"] == stem:
                        golden = os.path.join(golden_dir, stem, os.path.basename(row["capture"]) + ".txt")
                        if os.path.exists(golden):
                            goldens.append(os.path.relpath(golden, source_dir))
                own = os.path.join(golden_dir, stem)
                if os.path.isdir(own):
                    goldens += [os.path.join("tests", "golden", stem, g) for g in sorted(os.listdir(own))
                                if g.endswith(".txt")]
                if os.path.isdir(docs_golden):
                    goldens += [os.path.join("tests", "golden", "docs", g) for g in sorted(os.listdir(docs_golden))
                                if g.startswith(stem + "_") and g.endswith(".txt") and g[:-4] not in snippets]
                goldens = list(dict.fromkeys(goldens))
            elif name.endswith(".cpp"):
                golden = os.path.join(docs_golden, stem + ".txt")
                if os.path.exists(golden):
                    goldens.append(os.path.relpath(golden, source_dir))
            programs[os.path.join(folder, name)] = {"name": stem, "kind": kind, "golden": goldens}
    return programs


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r'"(?:\\.|[^"\\])*"', '""', text)  # string literals (hex bytes, messages)
    return re.sub(r"//[^\n]*", " ", text)


def mark_examples(api, source_dir, programs):
    texts = {}
    for path in programs:
        with open(os.path.join(source_dir, path), encoding="utf-8") as f:
            texts[path] = strip_comments(f.read())

    def uses(symbol, text):
        short = re.escape(symbol.short)
        if symbol.parent is not None:
            if symbol.short.startswith("operator"):
                return False  # operators are used through their syntax, not their names
            return re.search(rf"(?:\.|->|::){short}\b", text) is not None
        if symbol.kind == "namespace":
            return re.search(rf"\b{short}::", text) is not None
        return re.search(rf"\b{short}\b", text) is not None

    for symbols in api.values():
        for symbol in symbols:
            for item in [symbol] + symbol.members:
                for path, text in texts.items():
                    if uses(item, text):
                        item.examples.add(path)
                        item.golden.update(programs[path]["golden"])


# ---------------------------------------------------------------------------------------------
# Writing the pages.

def mark(value):
    return YES if value else NO


def site_mark(symbol):
    return {"curated": YES, "generated": PARTLY}.get(symbol.on_site, NO)


def table(header, rows, widths=None):
    lines = [".. list-table::", "   :header-rows: 1", "   :class: deliverables"]
    if widths:
        lines.append("   :widths: " + " ".join(str(w) for w in widths))
    lines.append("")
    for row in [header] + rows:
        lines.append("   * - " + (row[0] or "\\ "))
        for cell in row[1:]:
            lines.append("     - " + (cell if cell != "" else "\\ "))
    lines.append("")
    return lines


def symbol_link(symbol):
    if not symbol.on_site or "operator" in symbol.short:
        return f"``{symbol.display}``"
    return f":cpp:any:`{symbol.display} <{symbol.name}>`"


def examples_cell(symbol):
    names = sorted({os.path.basename(p).rsplit(".", 1)[0] for p in symbol.examples})
    if not names:
        return NO
    shown = ", ".join(names[:3]) + (", …" if len(names) > 3 else "")
    return f"{YES} {shown}"


def all_rows(symbols):
    for symbol in symbols:
        yield symbol
        for member in symbol.members:
            yield member


def summary_counts(symbols):
    rows = list(all_rows(symbols))
    return {
        "symbols": len(rows),
        "documented": sum(1 for s in rows if s.documented),
        "on_site": sum(1 for s in rows if s.on_site == "curated"),
        "generated": sum(1 for s in rows if s.on_site == "generated"),
        "examples": sum(1 for s in rows if s.examples),
        "golden": sum(1 for s in rows if s.golden),
    }


def fraction(count, total):
    if total == 0:
        return "–"
    return f"{YES if count == total else NO} {count}/{total}"


def capture_page(source_dir, capture):
    stem = os.path.basename(capture).rsplit(".", 1)[0]
    path = os.path.join(source_dir, "docs", "captures", stem + ".rst")
    return f"/captures/{stem}" if os.path.exists(path) else None


def captures_table(source_dir, cases):
    if not cases:
        return [
            ".. note::",
            "",
            "   ``test_cases.tsv`` has no rows yet: the bundled captures, their example programs and",
            "   their golden files come with a later issue. Each row added there appears here with its",
            "   status, and its page (``docs/captures/<capture>.rst``) in the Captures section.",
            "",
        ]
    rows = []
    for row in cases:
        capture_path = row["path"]
        example_path = os.path.join(source_dir, "examples", row["example"] + ".cpp")
        golden = os.path.join(source_dir, "tests", "golden", row["example"], os.path.basename(row["capture"]) + ".txt")
        page = capture_page(source_dir, row["capture"])
        rows.append([
            f":doc:`{row['capture']} <{page}>`" if page else f"``{row['capture']}``",
            f"``{row['example']}``",
            row["conditions"].replace("|", "/"),
            mark(os.path.exists(capture_path)),
            mark(os.path.exists(example_path)),
            mark(os.path.exists(golden)),
            mark(page is not None),
        ])
    return table(["Capture", "Example", "Conditions", "Bundled", "Example written", "Golden file", "Page"],
                 rows, [18, 12, 34, 8, 9, 9, 7])


def extra_captures_table(source_dir, tables):
    if not tables:
        return ["No extra case table was given to this build (``PKTDOC_EXTRA_CASES``). CI gives it the "
                "original project's ``../shared/captures/test_cases.tsv``, whose captures then appear here.", ""]
    rows = []
    for _, cases in tables:
        for row in cases:
            golden = os.path.join(source_dir, "tests", "golden", row["example"], os.path.basename(row["capture"]) + ".txt")
            rows.append([f"``{os.path.basename(row['capture'])}``", f"``{row['example']}``",
                         row["conditions"].replace("|", "/"), mark(os.path.exists(row["path"])),
                         mark(os.path.exists(os.path.join(source_dir, "examples", row["example"] + ".cpp"))),
                         mark(os.path.exists(golden))])
    names = ", ".join(f"``{name}``" for name, _ in tables)
    return [f"From {names}: captures outside the project that this build's golden and Wireshark tests also run on.",
            ""] + table(["Capture", "Example", "Conditions", "Present", "Example written", "Golden file"], rows,
                        [22, 14, 36, 9, 10, 9])


def deliverables_page(api, pages, cases, programs, source_dir, extra_tables=(), files=None):
    lines = []
    out = lines.append
    out(".. This file is generated by tools/docs/generate.py at build time; do not edit it.")
    out("")
    totals = summary_counts([s for symbols in api.values() for s in symbols])
    out(f"{totals['symbols']} public symbols in {len(api)} headers: "
        f"{totals['documented']} documented, {totals['on_site']} shown on a hand-written page"
        + (f" and {totals['generated']} only in the generated :doc:`/api-index`" if totals['generated'] else "")
        + f", {totals['examples']} used by an example or snippet, {totals['golden']} covered by a golden test.")
    out("")
    out(f"Legend: {YES} yes, {NO} no (a gap), {PARTLY} shown only in the generated API index, not yet on a "
        "hand-written page. *Shown in an example*: the name appears in the code of a program under "
        "``examples/`` or ``docs/examples/``. *Golden*: one of those programs has a golden test (a row of "
        "``test_cases.tsv`` with its golden file, or a ``tests/golden/docs/`` file).")
    out("")

    out("Pages")
    out("-----")
    out("")
    rows = []
    for page, info in sorted(pages.items()):
        if not page.startswith(("protocols/", "components/")) or page.endswith("index"):
            continue
        headers = sorted({s.header for s in info["symbols"]})
        symbols = [s for h in headers for s in api.get(h, [])]
        counts = summary_counts(symbols)
        rows.append([f":doc:`/{page}`", ", ".join(f"``{h}``" for h in headers) or "(none yet)",
                     fraction(counts["documented"], counts["symbols"]),
                     fraction(counts["on_site"], counts["symbols"]),
                     fraction(counts["examples"], counts["symbols"]),
                     fraction(counts["golden"], counts["symbols"])])
    out("Each protocol and component page, with the status of every symbol of the headers it covers.")
    out("")
    lines += table(["Page", "Headers", "Documented", "On the site", "In an example", "Golden"], rows,
                   [22, 26, 13, 13, 13, 13])

    out("Headers")
    out("-------")
    out("")
    rows = []
    for header, symbols in api.items():
        counts = summary_counts(symbols)
        rows.append([f"`{header}`_", fraction(counts["documented"], counts["symbols"]),
                     fraction(counts["on_site"], counts["symbols"]) +
                     (f" (+{counts['generated']} {PARTLY})" if counts["generated"] else ""),
                     fraction(counts["examples"], counts["symbols"]),
                     fraction(counts["golden"], counts["symbols"])])
    lines += table(["Header", "Documented", "On the site", "In an example", "Golden"], rows, [30, 17, 19, 17, 17])

    out("Captures")
    out("--------")
    out("")
    out("Each row of ``test_cases.tsv``: the capture, the example that decodes it, the conditions it was "
        "made under, and whether each part exists.")
    out("")
    lines += captures_table(source_dir, cases)
    out("Other captures")
    out("~~~~~~~~~~~~~~")
    out("")
    lines += extra_captures_table(source_dir, extra_tables)

    out("Example programs")
    out("----------------")
    out("")
    rows = []
    for path, info in sorted(programs.items()):
        if not path.endswith(".cpp"):
            continue
        rows.append([f"``{path}``", info["kind"], mark(bool(info["golden"])),
                     ", ".join(f"``{os.path.basename(g)}``" for g in info["golden"]) or "—"])
    lines += table(["Program", "Kind", "Golden test", "Golden files"], rows, [35, 10, 10, 45])

    out("Symbols by header")
    out("-----------------")
    out("")
    for header, symbols in api.items():
        out(f".. _{header}:")
        if files and header in files:
            # Doxygen links a header's name in a doc comment to its file page, which the site has
            # not: this label makes such links land on the header's table here.
            out(f".. _{files[header]}:")
        out("")
        title = f"``{header}``"
        out(title)
        out("~" * len(title))
        out("")
        rows = []
        for symbol in symbols:
            for item in [symbol] + symbol.members:
                name = symbol_link(item)
                if item.parent is not None:
                    name = "    ↳ " + name
                rows.append([name, item.kind, mark(item.documented), site_mark(item), examples_cell(item),
                             mark(bool(item.golden))])
        lines += table(["Symbol", "Kind", "Documented", "On the site", "In an example", "Golden"], rows,
                       [40, 10, 10, 10, 20, 10])
    return lines


def versions_page(doxygen, dot):
    def run(command):
        try:
            return subprocess.run(command, capture_output=True, text=True, timeout=30).stdout.strip()
        except OSError:
            return ""

    def package(name):
        return run(["dpkg-query", "-W", "-f=${Version}", name]) or "not installed"

    import sphinx
    tools = [("Doxygen", run([doxygen, "--version"]).split()[0] if doxygen else "not found", "doxygen")]
    tools.append(("Sphinx", sphinx.__version__, "python3-sphinx"))
    try:
        import breathe
        tools.append(("Breathe", breathe.__version__, "python3-breathe"))
    except ImportError:
        tools.append(("Breathe", "not found", "python3-breathe"))
    try:
        import sphinx_rtd_theme
        tools.append(("Read the Docs theme", sphinx_rtd_theme.__version__, "python3-sphinx-rtd-theme"))
    except ImportError:
        tools.append(("Read the Docs theme", "not found", "python3-sphinx-rtd-theme"))
    import docutils
    tools.append(("Docutils", docutils.__version__, "python3-docutils"))
    dot_version = run([dot, "-V"]) if dot else ""
    if not dot_version and dot:
        dot_version = subprocess.run([dot, "-V"], capture_output=True, text=True).stderr.strip()
    match = re.search(r"version (\S+)", dot_version)
    tools.append(("Graphviz", match.group(1) if match else "not found", "graphviz"))
    tools.append(("Python", sys.version.split()[0], "python3"))
    rows = [[name, f"``{version}``", f"``{pkg}`` ``{package(pkg)}``"] for name, version, pkg in tools]
    lines = [".. This file is generated by tools/docs/generate.py at build time; do not edit it.", ""]
    lines += table(["Tool", "Version", "Debian package"], rows, [30, 25, 45])
    return lines, {name: version for name, version, _ in tools}


def write_if_changed(path, lines):
    text = "\n".join(lines).rstrip("\n") + "\n"
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            if f.read() == text:
                return
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--xml", required=True, help="Doxygen's XML output")
    parser.add_argument("--out", required=True)
    parser.add_argument("--doxygen", default="doxygen")
    parser.add_argument("--dot", default="dot")
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--extra-cases", action="append", default=[], metavar="TABLE",
                        help="a test_cases.tsv table of captures outside the project (PKTDOC_EXTRA_CASES)")
    args = parser.parse_args()

    source_dir = os.path.abspath(args.source_dir)
    docs_dir = os.path.join(source_dir, "docs")
    os.makedirs(args.out, exist_ok=True)
    api, files = load_api(args.xml)

    # First pass: what the hand-written pages show; the rest goes to the generated API index.
    mark_shown(api, docs_dir, set())
    index_lines, targets = uncurated(api, files.pop("scopes", []))
    pages = mark_shown(api, docs_dir, targets)

    cases = read_cases(source_dir)
    tables = [table for value in args.extra_cases for table in value.split("|") if table]
    extra_tables = [(table, read_cases(source_dir, table)) for table in tables]
    programs = example_programs(source_dir, cases + [row for _, rows in extra_tables for row in rows])
    mark_examples(api, source_dir, programs)

    write_if_changed(os.path.join(args.out, "deliverables.rst"),
                     deliverables_page(api, pages, cases, programs, source_dir, extra_tables, files))
    write_if_changed(os.path.join(args.out, "captures.rst"), captures_table(source_dir, cases))
    if targets:
        index = [".. This file is generated by tools/docs/generate.py at build time; do not edit it.", "",
                 "These public symbols have no hand-written page yet (the headers are new, or their page "
                 "does not show them). They are listed here so that the whole API is on the site; the "
                 ":doc:`/deliverables` page marks them " + PARTLY + ".", ""] + index_lines
    else:
        index = [".. This file is generated by tools/docs/generate.py at build time; do not edit it.", "",
                 "Every public symbol is shown on a hand-written page: nothing is waiting here.", ""] + index_lines
    write_if_changed(os.path.join(args.out, "api-index.rst"), index)
    version_lines, versions = versions_page(args.doxygen, args.dot)
    write_if_changed(os.path.join(args.out, "versions.rst"), version_lines)

    gaps = []
    for header, symbols in api.items():
        for item in all_rows(symbols):
            if not item.documented:
                gaps.append(f"{header}: {item.display} is not documented")
            if not item.on_site:
                gaps.append(f"{header}: {item.display} is not shown on the site")
    facts = {
        "versions": versions,
        "headers": {h: summary_counts(s) for h, s in api.items()},
        "uncurated": sorted(targets),
        "captures": cases,
        "gaps": gaps,
    }
    write_if_changed(os.path.join(args.out, "deliverables.json"), json.dumps(facts, indent=2).splitlines())
    totals = summary_counts([s for symbols in api.values() for s in symbols])
    print(f"generate: {totals['symbols']} symbols in {len(api)} headers; {totals['documented']} documented, "
          f"{totals['on_site']} on hand-written pages, {totals['generated']} in the generated API index, "
          f"{totals['examples']} in examples, {totals['golden']} golden-tested")
    if args.check and gaps:
        for gap in gaps:
            print("generate: " + gap)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
