# Sphinx configuration of the pktdoc reference site.
#
# The site is built by `cmake --build BUILD --target docs` (tools/docs/build_site.py), which runs
# Doxygen, writes the generated pages into the build tree and calls Debian's sphinx-build with
# these environment variables:
#   PKTDOC_DOXYGEN_XML    Doxygen's XML output, read by Breathe
#   PKTDOC_GENERATED_DIR  the generated pages (deliverables, versions, API index)
#   PKTDOC_VERSION        the project version, from CMakeLists.txt
#   PKTDOC_DOT            Graphviz's dot, for the diagrams
# Nothing here reaches the network: the theme's fonts and scripts are Debian's local copies, and
# docs.offline and docs.browser check that the pages load nothing from outside.
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "_ext"))


def required(variable):
    value = os.environ.get(variable)
    if not value:
        raise RuntimeError(f"{variable} is not set: build the site with `cmake --build BUILD --target docs`")
    return value


project = "pktdoc"
author = "the pktdoc authors"
copyright = "the pktdoc authors"
version = release = os.environ.get("PKTDOC_VERSION", "0")

extensions = ["breathe", "sphinx.ext.graphviz", "pktdoc_site"]

root_doc = "index"
exclude_patterns = ["examples", "_build", "Thumbs.db", ".DS_Store"]
templates_path = []
primary_domain = "cpp"
highlight_language = "cpp"
pygments_style = "sphinx"
cpp_index_common_prefix = ["pktdoc::"]
# Every cross-reference that does not resolve is a warning (and -W makes it an error), except the
# standard library's names, which the site does not document.
nitpicky = True
nitpick_ignore_regex = [
    (r"cpp:.*", r"(std::)?(u?int(8|16|32|64)_t|size_t|ptrdiff_t|byte)"),
    (r"cpp:.*", r"std(::.*)?"),
    (r"cpp:.*", r"(Element|T|N|Parse)"),
]

breathe_projects = {"pktdoc": required("PKTDOC_DOXYGEN_XML")}
breathe_default_project = "pktdoc"
breathe_domain_by_extension = {"hpp": "cpp"}
breathe_show_include = True
breathe_show_enumvalue_initializer = True
breathe_show_define_initializer = True

pktdoc_generated_dir = required("PKTDOC_GENERATED_DIR")

graphviz_dot = os.environ.get("PKTDOC_DOT", "dot")
graphviz_output_format = "png"
graphviz_dot_args = ["-Gfontname=DejaVu Sans", "-Nfontname=DejaVu Sans", "-Efontname=DejaVu Sans"]

html_theme = "sphinx_rtd_theme"
html_title = f"pktdoc {version}"
html_static_path = ["_static"]
html_css_files = ["pktdoc.css"]
html_show_sourcelink = True
html_copy_source = True
html_last_updated_fmt = None
html_theme_options = {
    "navigation_depth": 3,
    "collapse_navigation": False,
    "sticky_navigation": True,
    "style_external_links": True,
    "prev_next_buttons_location": "both",
}
