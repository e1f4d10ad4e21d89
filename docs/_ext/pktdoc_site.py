"""Sphinx directives of the pktdoc site: pages whose content comes from the build or the repository.

``.. pktdoc-generated:: NAME``
    Inserts the reStructuredText file NAME from the folder the build writes its generated pages
    to (the deliverables table, the tool versions, the generated API index; see
    tools/docs/generate.py). The page is rebuilt when that file changes.

``.. pktdoc-diagram::``
    A header diagram drawn as the RFCs draw them (RFC 9293 section 3.1: one column per bit,
    ``+-+-+`` rulers, ``|`` between fields), shown as a literal block. The directive checks the
    drawing: every ruler has the same number of bit columns (``:bits:``, when given), and every
    field boundary of every row stands on a bit boundary of the rulers, so a field cannot be drawn
    a bit too wide or too narrow without the build failing.

``.. pktdoc-program:: EXAMPLE``
    The facts about one example program: its source, its usage (what ``EXAMPLE -h`` prints,
    from the golden file tests/golden/docs/EXAMPLE_help.txt that a docs.program test checks), the
    captures test_cases.tsv runs it on, and its output on each capture that has a golden file
    (tests/golden/EXAMPLE/*.txt). A page per example is then one small .rst file: a title, what
    the program shows, this directive, and quotes of its code between marker comments.

``.. pktdoc-picture:: CAPTURE``
    A picture of what happens in a bundled capture (a sequence/acknowledgment ladder, a fragment
    map, a timeline), drawn in text and shown as a literal block. It is a drawing, not code, but it
    must not silently go stale either: ``:frames:`` says how many frames the capture had when it
    was drawn, and the build warns (and so fails, with ``-W``) when the capture no longer has that
    many, or when a line starting with a frame number names a frame the capture does not have.

``.. pktdoc-capture:: CAPTURE``
    The facts about one bundled capture, from test_cases.tsv: its test conditions, the example
    programs that decode it, and each one's output, included from its golden file
    (tests/golden/<example>/<CAPTURE>.txt) so that the page shows exactly what ctest checks. A page
    per capture is then one small .rst file: a title, this directive, and the analysis.
"""

import os
import re
import textwrap

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from docutils.statemachine import StringList
from sphinx.util import logging

logger = logging.getLogger(__name__)


def source_root(env):
    return os.path.dirname(env.srcdir.rstrip(os.sep))


def relative_to_document(env, path):
    document_dir = os.path.dirname(env.doc2path(env.docname))
    return os.path.relpath(path, document_dir)



def preformatted(text, css_class, caption=None):
    """A literal block of `text` with `css_class`, inside a captioned container when there is a
    caption (as Sphinx's own code-block makes one, so the theme numbers and styles it alike)."""
    block = nodes.literal_block(text, text)
    block["language"] = "none"
    block["classes"].append(css_class)
    if caption:
        container = nodes.container("", nodes.caption(caption, caption), block, classes=["literal-block-wrapper"])
        container["literal_block"] = True
        return [container]
    return [block]

class GeneratedDirective(Directive):
    required_arguments = 1
    has_content = False

    def run(self):
        env = self.state.document.settings.env
        path = os.path.join(env.config.pktdoc_generated_dir, self.arguments[0])
        if not os.path.exists(path):
            logger.warning("generated page %s is missing: build the site with the 'docs' target", path,
                           location=(env.docname, self.lineno))
            return []
        env.note_dependency(path)
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
        self.state_machine.insert_input(StringList(lines, path), path)
        return []


class DiagramDirective(Directive):
    has_content = True
    option_spec = {"bits": directives.positive_int, "caption": directives.unchanged}
    ruler = re.compile(r"^\+(?:(-+)\+)+$")

    def run(self):
        env = self.state.document.settings.env
        text = textwrap.dedent("\n".join(self.content)).strip("\n")
        problems = self.check(text.splitlines())
        for problem in problems:
            logger.warning("header diagram: %s", problem, location=(env.docname, self.lineno))
        return preformatted(text, "header-diagram", self.options.get("caption"))

    def check(self, lines):
        problems = []
        rulers = [line.rstrip() for line in lines if line.startswith("+")]
        if not rulers:
            return ["no +-+-+ ruler: draw the header as the RFCs do"]
        boundaries = None
        for ruler in rulers:
            match = self.ruler.match(ruler)
            if not match:
                problems.append(f"'{ruler}' is not a ruler of +-+ cells")
                continue
            cells = ruler[1:].split("+")[:-1]
            if len({len(c) for c in cells}) != 1:
                problems.append(f"'{ruler}' has bit columns of different widths")
            positions = {i for i, c in enumerate(ruler) if c == "+"}
            if boundaries is None:
                boundaries, width = positions, len(ruler)
                if "bits" in self.options and len(cells) != self.options["bits"]:
                    problems.append(f"the rulers have {len(cells)} bit columns, not {self.options['bits']}")
            elif positions != boundaries:
                problems.append(f"'{ruler}' does not have the same bit columns as the first ruler")
        if boundaries is None:
            return problems
        for line in lines:
            line = line.rstrip()
            if not line or line[0] not in "|/":
                continue  # bit numbers, or prose under the drawing
            if len(line) != width:
                problems.append(f"'{line}' is {len(line)} characters wide, the rulers {width}")
            for i, c in enumerate(line):
                if c in "|/" and i not in boundaries and not (c == "/" and 0 < i < len(line) - 1
                                                                and line[i - 1] != " " and line[i + 1] != " "):
                    problems.append(f"'{line}': a field boundary at column {i} is not on a bit boundary")
                    break
        return problems


class PictureDirective(Directive):
    required_arguments = 1
    has_content = True
    option_spec = {"frames": directives.nonnegative_int, "caption": directives.unchanged}
    numbered_line = re.compile(r"^\s*(\d+)\s")

    def run(self):
        env = self.state.document.settings.env
        capture = os.path.join(source_root(env), "captures", self.arguments[0])
        text = textwrap.dedent("\n".join(self.content)).strip("\n")
        location = (env.docname, self.lineno)
        if not os.path.exists(capture):
            logger.warning("picture of %s: no such bundled capture", self.arguments[0], location=location)
        elif "frames" not in self.options:
            logger.warning("picture of %s: give :frames:, the number of frames it was drawn from",
                           self.arguments[0], location=location)
        else:
            env.note_dependency(capture)
            frames = count_frames(capture)
            if frames != self.options["frames"]:
                logger.warning("picture of %s was drawn from %d frames; the capture now has %d: redraw it",
                               self.arguments[0], self.options["frames"], frames, location=location)
            for line in text.splitlines():
                number = self.numbered_line.match(line)
                if number and not 1 <= int(number.group(1)) <= frames:
                    logger.warning("picture of %s names frame %s, which the capture does not have",
                                   self.arguments[0], number.group(1), location=location)
        return preformatted(text, "capture-picture", self.options.get("caption"))


def count_frames(path):
    """The number of records in a pcap file (either byte order, micro- or nanosecond stamps)."""
    with open(path, "rb") as f:
        data = f.read()
    order = "<" if data[:4] in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1") else ">"
    count, offset = 0, 24
    while offset + 16 <= len(data):
        captured = int.from_bytes(data[offset + 8:offset + 12], "little" if order == "<" else "big")
        offset += 16 + captured
        count += 1
    return count


class ProgramDirective(Directive):
    required_arguments = 1
    has_content = False

    def run(self):
        env = self.state.document.settings.env
        root = source_root(env)
        name = self.arguments[0]
        source = os.path.join(root, "examples", name + ".cpp")
        if not os.path.exists(source):
            logger.warning("no example program examples/%s.cpp", name, location=(env.docname, self.lineno))
            return []
        table = os.path.join(root, "test_cases.tsv")
        env.note_dependency(table)
        captures = []
        with open(table, encoding="utf-8") as f:
            for number, line in enumerate(f.read().splitlines(), 1):
                fields = line.split("\t")
                if number > 1 and len(fields) >= 3 and fields[1] == name:
                    captures.append(fields[0])
        lines = [f":Source: ``examples/{name}.cpp``"]
        if captures:
            links = []
            for capture in captures:
                stem = os.path.basename(capture).rsplit(".", 1)[0]
                page = os.path.join(root, "docs", "captures", stem + ".rst")
                links.append(f":doc:`{capture} </captures/{stem}>`" if os.path.exists(page) else f"``{capture}``")
            lines.append(":Bundled captures it decodes: " + ", ".join(links))
        else:
            lines.append(":Bundled captures it decodes: none in ``test_cases.tsv`` yet")
        lines.append("")
        usage = os.path.join(root, "tests", "golden", "docs", name + "_help.txt")
        lines += [".. rubric:: Usage", ""]
        if os.path.exists(usage):
            lines += [f"What ``{name} -h`` prints (checked by the ``docs.program.{name}_help`` test):", "",
                      f".. literalinclude:: {relative_to_document(env, usage)}", "   :language: none", ""]
        else:
            lines += [f"There is no golden file of ``{name} -h`` yet.", ""]
        golden_dir = os.path.join(root, "tests", "golden", name)
        outputs = sorted(f for f in os.listdir(golden_dir) if f.endswith(".txt")) if os.path.isdir(golden_dir) else []
        if outputs:
            lines += [".. rubric:: Sample output", ""]
        for output in outputs:
            capture = output[:-4]
            bundled = os.path.exists(os.path.join(root, "captures", capture))
            where = ("the bundled capture" if bundled else
                     "the original project's capture (in ``../shared/captures``, outside the project; its golden test "
                     "runs when the build is given that folder's ``test_cases.tsv`` in ``PKTDOC_EXTRA_CASES``, as CI does)")
            lines += [f"On {where} ``{capture}``, from ``tests/golden/{name}/{output}``:", "",
                      f".. literalinclude:: {relative_to_document(env, os.path.join(golden_dir, output))}",
                      "   :language: none", ""]
        self.state_machine.insert_input(StringList(lines, env.doc2path(env.docname)), env.doc2path(env.docname))
        return []


class CaptureDirective(Directive):
    required_arguments = 1
    has_content = False
    option_spec = {"no-output": directives.flag}

    def run(self):
        env = self.state.document.settings.env
        root = source_root(env)
        table = os.path.join(root, "test_cases.tsv")
        env.note_dependency(table)
        capture = self.arguments[0]
        rows = []
        with open(table, encoding="utf-8") as f:
            for number, line in enumerate(f.read().splitlines(), 1):
                fields = line.split("\t")
                if number > 1 and len(fields) >= 3 and fields[0] in (capture, "captures/" + capture):
                    rows.append((fields[1], " ".join(fields[2:])))
        if not rows:
            logger.warning("%s is not in test_cases.tsv", capture, location=(env.docname, self.lineno))
            return []
        bundled = os.path.join(root, "captures", capture)
        lines = [f":Capture: ``captures/{capture}``" + ("" if os.path.exists(bundled) else " (not bundled yet)"),
                 f":Conditions: {rows[0][1]}",
                 ":Decoded by: " + ", ".join(self.example_link(env, root, example) for example, _ in rows), ""]
        if "no-output" not in self.options:
            for example, _ in rows:
                golden = os.path.join(root, "tests", "golden", example, os.path.basename(capture) + ".txt")
                lines += [f".. rubric:: What ``{example}`` prints", ""]
                if os.path.exists(golden):
                    lines += [f"The golden file ``tests/golden/{example}/{os.path.basename(golden)}``, which "
                              f"ctest compares with the program's output on every run:", "",
                              f".. literalinclude:: {relative_to_document(env, golden)}",
                              "   :language: none", ""]
                else:
                    lines += [f"There is no golden file for ``{example}`` on this capture yet.", ""]
        self.state_machine.insert_input(StringList(lines, env.doc2path(env.docname)), env.doc2path(env.docname))
        return []

    @staticmethod
    def example_link(env, root, example):
        page = os.path.join(root, "docs", "programs", example + ".rst")
        return f":doc:`{example} </programs/{example}>`" if os.path.exists(page) else f"``{example}``"


def setup(app):
    app.add_config_value("pktdoc_generated_dir", "", "env")
    app.add_directive("pktdoc-generated", GeneratedDirective)
    app.add_directive("pktdoc-capture", CaptureDirective)
    app.add_directive("pktdoc-diagram", DiagramDirective)
    app.add_directive("pktdoc-picture", PictureDirective)
    app.add_directive("pktdoc-program", ProgramDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
