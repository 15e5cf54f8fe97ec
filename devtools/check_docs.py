"""The docs check of `make lint`: `python -m devtools.check_docs` from the repository root.

It reads every Markdown file git tracks (`git ls-files '*.md'`, and the new files git does not
ignore) and prints one line per problem, `path:line: what`, with exit code 1 when there is any.
Three checks:

1. Links. Every relative link (`[text](target)`, `![alt](target)`, `[label]: target`, and the
   `src="..."` or `href="..."` of an HTML tag), outside code blocks and code spans, names a file
   or folder that exists, relative to the linking file (`/path`: to the repository root). A
   `#anchor` on a Markdown file, or alone for the same file, must be one of that file's headings
   by GitHub's rule: the heading's text (code, links and tags reduced to their text),
   lower-cased, every character but letters, digits, `_`, `-` and spaces removed, spaces turned
   into `-`; the second heading with the same slug gets `-1`, the third `-2`. `<a name="...">` and
   `id="..."` anchors count too. Links with a scheme (`https:`, `mailto:`) are not checked.
2. Vars. Every documented dbt var is a key of `vars:` in the package's `dbt_project.yml`. A var is
   documented by: a backticked name in the first cell of a Markdown table whose header's first
   cell is `var` (any case); a key under the top-level `vars:` of a ```yaml block (or under its
   `cx_metrics:` scope); a `var('name')` call anywhere; a key of `--vars '{...}'` in a shell
   block. A name with `<...>` in it
   (`cx_<table>_identifier`) is a pattern: it must match at least one var.
3. Commands. Every command of README.md's ```sh and ```bash blocks is run somewhere. A line is
   split at `&&`, `||`, `;` and `|`; comments, `NAME=value` prefixes and `cd`, `set`, `export`
   are left out. A command's first words are its program (without a folder such as
   `.venv/bin/`) and, when the next word is a plain word (not an option, a path or a quoted
   argument), that word: `make demo`, `dbt build`, `pip install`, `cx-metrics validate`. They
   must appear in tests/python/*.py (not this check's own test), .ci/run or the Makefile, in that
   order, separated only by spaces, quotes, commas, brackets or slashes (so
   `[BIN / "cx-metrics"), "validate"` counts); `make X` must be a Makefile target and
   `cx-metrics X` one of its commands.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import yaml

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "cx_metrics"

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*([\w+-]*)")
# A code span ends at the same run of backticks, within its paragraph (never past a blank line).
CODE_SPAN = re.compile(r"(`+)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", re.S)
INLINE_LINK = re.compile(
    r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?([^()\s<>]+)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
)
REFERENCE_LINK = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?", re.M)
HTML_LINK = re.compile(r"<[a-zA-Z][^>]*?\b(?:src|href)\s*=\s*[\"']([^\"']+)[\"']")
HTML_ANCHOR = re.compile(r"<[a-zA-Z][^>]*?\b(?:name|id)\s*=\s*[\"']([^\"']+)[\"']")
HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
SCHEME = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")
VAR_CALL = re.compile(r"(?<![\w.])var\(\s*['\"]([\w<>]+)['\"]")
TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}")
BACKTICKED = re.compile(r"`([^`]+)`")
VAR_NAME = re.compile(r"[A-Za-z_<][\w<>]*")
ASSIGNMENT = re.compile(r"^[A-Za-z_]\w*=")
PLAIN_WORD = re.compile(r"^[a-z][\w.-]*$")
SKIPPED_PROGRAMS = {"cd", "set", "export"}
SEPARATORS = {"&&", "||", ";", "|", "&"}
JOINER = r"[\s\"',()\[\]/]+"
COMMAND_SOURCES = ("tests/python/*.py", ".ci/run", "Makefile")
# The check's own test names commands that exist nowhere, on purpose.
NOT_SOURCES = ("tests/python/test_docs_check.py",)
MAKE_TARGET = re.compile(r"^([\w.-]+(?:[ \t]+[\w.-]+)*)[ \t]*:(?!=)", re.M)


@dataclass(frozen=True)
class CodeBlock:
    info: str  # the fence's language, e.g. "yaml"
    body: str
    opened: int  # the index of the opening fence's line (from 0)
    closed: int  # the index of the closing fence's line (the last line when there is none)

    @property
    def line(self) -> int:
        """The body's first line, counted from 1."""
        return self.opened + 2


def tracked_markdown(root: Path) -> list[Path]:
    """The Markdown files of root that git tracks, or would (new and not ignored)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "*.md"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    paths = {root / name for name in listed.stdout.split("\0") if name}
    return sorted(path for path in paths if path.is_file())


def code_blocks(text: str) -> list[CodeBlock]:
    """The fenced code blocks of a Markdown text."""
    blocks: list[CodeBlock] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        opened = FENCE.match(lines[i])
        if not opened:
            i += 1
            continue
        fence, start = opened.group(1), i + 1
        i = start
        while i < len(lines) and not lines[i].strip().startswith(fence):
            i += 1
        body = "\n".join(lines[start:i])
        blocks.append(CodeBlock(opened.group(2).lower(), body, start - 1, min(i, len(lines) - 1)))
        i += 1
    return blocks


def _blank(text: str) -> str:
    """Text of the same shape (every newline kept), with spaces for every other character."""
    return re.sub(r"[^\n]", " ", text)


def prose(text: str) -> str:
    """The text with its code blocks and code spans blanked out, line numbers kept."""
    lines = text.split("\n")
    for block in code_blocks(text):
        for i in range(block.opened, block.closed + 1):
            lines[i] = ""
    return CODE_SPAN.sub(lambda m: _blank(m.group(0)), "\n".join(lines))


def line_of(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def heading_text(raw: str) -> str:
    """A heading as GitHub renders its text: code spans, links and images reduced to their text,
    HTML tags dropped."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", raw)
    text = CODE_SPAN.sub(lambda m: m.group(2), text)
    return re.sub(r"<[^>]+>", "", text)


def slug(heading: str) -> str:
    """GitHub's anchor of a heading's text (before duplicates are numbered)."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(text: str) -> set[str]:
    """Every anchor a Markdown text defines: its headings' slugs, numbered as GitHub numbers
    duplicates, and its HTML name and id attributes."""
    found: set[str] = set()
    seen: dict[str, int] = {}
    visible = prose(text)
    for shown, original in zip(visible.split("\n"), text.split("\n"), strict=True):
        heading = HEADING.match(original)
        if not HEADING.match(shown) or not heading:  # a line of a code block
            continue
        base = slug(heading_text(heading.group(2)))
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")
    return found | set(HTML_ANCHOR.findall(visible))


def links(text: str) -> list[tuple[int, str]]:
    """(line, target) of every link of a Markdown text, outside code."""
    visible = prose(text)
    found = []
    for pattern in (INLINE_LINK, REFERENCE_LINK, HTML_LINK):
        found += [(line_of(visible, m.start()), m.group(1)) for m in pattern.finditer(visible)]
    return sorted(found)


def _anchors_of(path: Path, cache: dict[Path, set[str]]) -> set[str]:
    if path not in cache:
        cache[path] = anchors(path.read_text(encoding="utf-8"))
    return cache[path]


def link_problem(source: Path, target: str, root: Path, cache: dict[Path, set[str]]) -> str:
    """What is wrong with one link of source, or '' when it resolves."""
    if SCHEME.match(target):
        return ""
    address, _, fragment = unquote(target).partition("#")
    base = root if address.startswith("/") else source.parent
    resolved = (base / address.lstrip("/")).resolve() if address else source
    if not resolved.exists():
        return f"broken link {target}: {address} does not exist"
    if fragment and resolved.suffix == ".md" and fragment not in _anchors_of(resolved, cache):
        return f"broken link {target}: no heading of {resolved.name} has the anchor #{fragment}"
    return ""


def check_links(path: Path, root: Path, cache: dict[Path, set[str]]) -> list[str]:
    text = path.read_text(encoding="utf-8")
    where = path.relative_to(root)
    return [
        f"{where}:{line}: {problem}"
        for line, target in links(text)
        if (problem := link_problem(path, target, root, cache))
    ]


def _cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


def table_vars(text: str) -> Iterator[tuple[int, str]]:
    """(line, name) of the backticked names in the first column of tables headed `var`."""
    lines = text.split("\n")
    for i in range(len(lines) - 1):
        header = lines[i].strip()
        if not header.startswith("|") or not TABLE_SEPARATOR.match(lines[i + 1]):
            continue
        if _cells(header)[0].lower() != "var":
            continue
        j = i + 2
        while j < len(lines) and lines[j].strip().startswith("|"):
            for name in BACKTICKED.findall(_cells(lines[j])[0]):
                yield j + 1, name
            j += 1


def yaml_vars(text: str) -> Iterator[tuple[int, str]]:
    """(line, name) of the keys under the top-level `vars:` of the YAML code blocks (and under
    its package scope); a block with a `vars:` that does not parse is named PARSE_ERROR."""
    for block in code_blocks(text):
        if block.info not in {"yaml", "yml"} or not re.search(r"^vars:", block.body, re.M):
            continue
        try:
            document = yaml.safe_load(block.body)
        except yaml.YAMLError:
            yield block.line, PARSE_ERROR
            continue
        settings = document.get("vars") if isinstance(document, dict) else None
        for key, value in (settings or {}).items():
            names = value if key == PACKAGE and isinstance(value, dict) else {key: value}
            for name in names:
                yield block.line + _line_in(block.body, str(name)), str(name)


PARSE_ERROR = "<a YAML block that does not parse>"


def _line_in(body: str, key: str) -> int:
    """The line of a key within a block, counted from 0 (0 when not found)."""
    for i, line in enumerate(body.split("\n")):
        if re.match(rf"\s*{re.escape(key)}\s*:", line):
            return i
    return 0


def called_vars(text: str) -> Iterator[tuple[int, str]]:
    for match in VAR_CALL.finditer(text):
        yield line_of(text, match.start()), match.group(1)


def option_vars(text: str) -> Iterator[tuple[int, str]]:
    """(line, name) of the keys of each `--vars '{...}'` of the shell blocks (a value that is
    not a YAML mapping, such as "$VARS", is not read)."""
    for line, command in shell_lines(text):
        words = _tokens(command)
        for option, value in zip(words, words[1:], strict=False):
            if option != "--vars":
                continue
            try:
                given = yaml.safe_load(value)
            except yaml.YAMLError:
                continue
            yield from ((line, str(name)) for name in (given if isinstance(given, dict) else {}))


def documented_vars(text: str) -> list[tuple[int, str]]:
    """(line, name) of every var a Markdown text documents (see the module's docstring)."""
    found = [*table_vars(text), *yaml_vars(text), *called_vars(text), *option_vars(text)]
    return sorted(found)


def package_vars(root: Path) -> set[str]:
    """The vars the package's dbt_project.yml declares."""
    project = yaml.safe_load((root / "dbt_project.yml").read_text(encoding="utf-8"))
    declared = project.get("vars") or {}
    scoped = declared.get(PACKAGE) if isinstance(declared.get(PACKAGE), dict) else {}
    return {str(name) for name in declared if name != PACKAGE} | {str(n) for n in scoped}


def var_problem(name: str, known: set[str]) -> str:
    """What is wrong with one documented var, or '' when dbt_project.yml declares it."""
    if name == PARSE_ERROR:
        return "a YAML block with vars: does not parse"
    if not VAR_NAME.fullmatch(name):
        return f"`{name}` in a var table is no var name"
    if "<" in name:
        pattern = re.sub(r"<[^>]*>", r"\\w+", re.escape(name))
        matched = any(re.fullmatch(pattern, var) for var in known)
        return "" if matched else f"no var of dbt_project.yml matches the pattern {name}"
    return "" if name in known else f"the var {name} is not in dbt_project.yml's vars"


def check_vars(path: Path, root: Path, known: set[str]) -> list[str]:
    text = path.read_text(encoding="utf-8")
    where = path.relative_to(root)
    return [
        f"{where}:{line}: {problem}"
        for line, name in documented_vars(text)
        if (problem := var_problem(name, known))
    ]


def shell_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line, command line) of the sh and bash blocks, continuation lines joined."""
    for block in code_blocks(text):
        if block.info not in {"sh", "bash", "shell"}:
            continue
        pending, first = "", 0
        for i, line in enumerate(block.body.split("\n")):
            pending, first = (pending + " " + line, first) if pending else (line, i)
            if pending.rstrip().endswith("\\"):
                pending = pending.rstrip()[:-1]
                continue
            if pending.strip():
                yield block.line + first, pending
            pending = ""


def _tokens(line: str) -> list[str]:
    lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
    lexer.commenters = "#"
    lexer.whitespace_split = True
    try:
        return list(lexer)
    except ValueError:  # an unbalanced quote: read it word by word
        return line.split("#", 1)[0].split()


def commands(line: str) -> list[list[str]]:
    """The simple commands of a shell line, each as its words."""
    found: list[list[str]] = [[]]
    for token in _tokens(line):
        if token in SEPARATORS:
            found.append([])
        else:
            found[-1].append(token)
    return [words for words in found if words]


def first_words(words: list[str]) -> list[str]:
    """The program (without its folder) and its subcommand; [] for what is not checked."""
    while words and ASSIGNMENT.match(words[0]):
        words = words[1:]
    if not words or words[0] in SKIPPED_PROGRAMS:
        return []
    program = words[0].rsplit("/", 1)[-1]
    if len(words) > 1 and PLAIN_WORD.match(words[1]):
        return [program, words[1]]
    return [program]


def runs_somewhere(words: list[str], corpus: str) -> bool:
    pattern = JOINER.join(re.escape(word) for word in words)
    return re.search(rf"(?<![\w-]){pattern}(?![\w-])", corpus) is not None


def command_corpus(root: Path) -> str:
    """The text of the places a documented command must be run in."""
    paths = sorted(p for pattern in COMMAND_SOURCES for p in root.glob(pattern))
    skipped = {root / name for name in NOT_SOURCES}
    return "\n".join(p.read_text(encoding="utf-8") for p in paths if p not in skipped)


def make_targets(root: Path) -> set[str]:
    makefile = root / "Makefile"
    text = makefile.read_text(encoding="utf-8") if makefile.is_file() else ""
    return {name for found in MAKE_TARGET.findall(text) for name in found.split()}


def cli_commands() -> set[str]:
    """The subcommands of `cx-metrics` (its parser's choices)."""
    from cx_metrics.cli import build_parser

    parser = build_parser()
    (commands,) = [a for a in parser._actions if a.dest == "command"]  # argparse's subparsers
    return set(commands.choices)


def command_problem(wanted: list[str], corpus: str, targets: set[str]) -> str:
    """What is wrong with a documented command's first words, or '' when it is run."""
    shown = " ".join(wanted)
    if wanted[0] == "make" and len(wanted) > 1 and wanted[1] not in targets:
        return f"`{shown}`: the Makefile has no target {wanted[1]}"
    if wanted[0] == "cx-metrics" and len(wanted) > 1 and wanted[1] not in cli_commands():
        return f"`{shown}`: cx-metrics has no command {wanted[1]}"
    if not runs_somewhere(wanted, corpus):
        return f"`{shown}` is run nowhere ({', '.join(COMMAND_SOURCES)})"
    return ""


def check_commands(readme: Path, root: Path) -> list[str]:
    if not readme.is_file():
        return []
    corpus, targets = command_corpus(root), make_targets(root)
    problems = []
    for line, text in shell_lines(readme.read_text(encoding="utf-8")):
        for words in commands(text):
            wanted = first_words(words)
            if wanted and (problem := command_problem(wanted, corpus, targets)):
                problems.append(f"{readme.relative_to(root)}:{line}: {problem}")
    return problems


def problems(root: Path = ROOT, files: Iterable[Path] | None = None) -> list[str]:
    """Every problem of the Markdown files (default: those git tracks in root)."""
    paths = sorted(files) if files is not None else tracked_markdown(root)
    known = package_vars(root)
    cache: dict[Path, set[str]] = {}
    found: list[str] = []
    for path in paths:
        found += check_links(path, root, cache)
        found += check_vars(path, root, known)
    return found + check_commands(root / "README.md", root)


def main(argv: list[str] | None = None) -> int:
    root = Path(argv[0]).resolve() if argv else ROOT
    found = problems(root)
    for problem in found:
        print(problem)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
