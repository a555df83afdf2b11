"""No bulk UPDATE slips past a version counter (RELIABILITY DB-9).

A Core `update(Risk)`, a legacy `query(Risk).update(...)` or raw `UPDATE risk SET ...` does
not move `version`, so an officer holding the row would then save over the change without
a conflict. This scans the package's source (tests may use raw SQL) and fails naming
file:line, unless the statement also sets `version = <Model>.version + 1` (or, in SQL,
`version = version + 1`), or its function is on the allow-list below with the reason.
A target the scan cannot name (a variable) counts as versioned: it must be allowed.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from improvement_desk.db.models import Base

PACKAGE = Path(__file__).resolve().parents[1] / "improvement_desk"

MAPPERS = list(Base.registry.mappers)
VERSIONED_MODELS = {m.class_.__name__ for m in MAPPERS if m.version_id_col is not None}
PLAIN_MODELS = {m.class_.__name__ for m in MAPPERS if m.version_id_col is None}
VERSIONED_TABLES = {m.class_.__tablename__ for m in MAPPERS if m.version_id_col is not None}

# (file relative to the package, function): why its UPDATE may leave the counter alone.
ALLOWED = {
    ("services/ordering.py", "renumber"): (
        "writes only `position` when a list is reordered; moving one agenda item must not "
        "make every sibling look changed by someone else to the screens and undo commands "
        "holding them, and no ORM save ever writes `position` back from a stale copy"
    ),
    ("services/demo_meetings.py", "link_plan"): (
        "the demo loader sets the closure link of plan actions it inserted moments before, "
        "in the same transaction; no other session can hold those rows yet"
    ),
}

_SQL_UPDATE = re.compile(r"\bUPDATE\s+[\"'`]?(\{\}|\w+)[\"'`]?\s+SET\b", re.IGNORECASE)
_SQL_BUMP = re.compile(r"\bversion\s*=\s*version\s*\+\s*1\b", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    function: str
    what: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line} ({self.function}): {self.what}"


class _Scan(ast.NodeVisitor):
    def __init__(self, path: str) -> None:
        self.path = path
        self.found: list[Finding] = []
        self._function = "<module>"
        self._ancestors: list[ast.AST] = []  # one pass: the chain around a call is read here
        self._core_update: set[str] = set()

    def generic_visit(self, node: ast.AST) -> None:
        self._ancestors.append(node)
        super().generic_visit(node)
        self._ancestors.pop()

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if (node.module or "").startswith("sqlalchemy"):
            self._core_update |= {a.asname or a.name for a in node.names if a.name == "update"}

    def _report(self, node: ast.AST, what: str) -> None:
        line = getattr(node, "lineno", 0)
        self.found.append(Finding(self.path, line, self._function, what))

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        outer, self._function = self._function, node.name
        self.generic_visit(node)
        self._function = outer

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        is_core = (isinstance(func, ast.Name) and func.id in self._core_update) or (
            isinstance(func, ast.Attribute)
            and func.attr == "update"
            and isinstance(func.value, ast.Name)
            and func.value.id in ("sa", "sqlalchemy")
        )
        if is_core and node.args:
            self._core(node, _model_name(node.args[0]))
        elif isinstance(func, ast.Attribute) and func.attr == "update":
            query = _query_in(func.value)
            if query is not None:
                target = _model_name(query.args[0]) if query.args else None
                if target not in PLAIN_MODELS:
                    self._report(node, f"query({target or '?'}).update(...) bypasses the version")
        self.generic_visit(node)

    def _core(self, node: ast.Call, target: str | None) -> None:
        if target in PLAIN_MODELS:
            return
        if target in VERSIONED_MODELS:
            if not _bumps(self._chain_top(node), target):
                self._report(node, f"update({target}) without version={target}.version + 1")
            return
        self._report(
            node,
            f"update({target or '?'}): not a model the scan knows, so it may be a versioned one",
        )

    def _chain_top(self, node: ast.AST) -> ast.AST:
        """The whole `update(M).where(...).values(...)` expression around `update(M)`."""
        for parent in reversed(self._ancestors):  # `node` itself is not pushed yet
            if isinstance(parent, ast.Attribute) or (
                isinstance(parent, ast.Call) and parent.func is node
            ):
                node = parent
                continue
            break
        return node

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str):
            self._sql(node, node.value)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        text = "".join(
            v.value if isinstance(v, ast.Constant) and isinstance(v.value, str) else "{}"
            for v in node.values
        )
        self._sql(node, text)

    def _sql(self, node: ast.AST, text: str) -> None:
        for match in _SQL_UPDATE.finditer(text):
            table = match.group(1)
            if (table == "{}" or table in VERSIONED_TABLES) and not _SQL_BUMP.search(text):
                self._report(node, f"SQL UPDATE {table} without version = version + 1")


def _model_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and node.attr == "__table__":
        return _model_name(node.value)
    return None


def _query_in(node: ast.expr) -> ast.Call | None:
    """The `.query(M)` call a legacy `...update()` chain starts from, if any."""
    while isinstance(node, ast.Call | ast.Attribute):
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Attribute) and node.func.attr == "query":
                return node
            node = node.func
        else:
            node = node.value
    return None


def _bumps(expression: ast.AST, model: str) -> bool:
    """Some `.values(...)` in the chain sets version to `<model>.version + 1`."""
    for call in ast.walk(expression):
        if not (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr == "values"
        ):
            continue
        values = [k.value for k in call.keywords if k.arg == "version"]
        for arg in call.args:
            if isinstance(arg, ast.Dict):
                values += [
                    v
                    for k, v in zip(arg.keys, arg.values, strict=True)
                    if isinstance(k, ast.Constant) and k.value == "version"
                ]
        if any(_is_increment(v, model) for v in values):
            return True
    return False


def _is_increment(node: ast.expr, model: str) -> bool:
    return (
        isinstance(node, ast.BinOp)
        and isinstance(node.op, ast.Add)
        and isinstance(node.left, ast.Attribute)
        and node.left.attr == "version"
        and _model_name(node.left.value) == model
        and isinstance(node.right, ast.Constant)
        and node.right.value == 1
    )


def scan(source: str, path: str) -> list[Finding]:
    visitor = _Scan(path)
    visitor.visit(ast.parse(source, filename=path))
    return visitor.found


def scan_package() -> list[Finding]:
    found: list[Finding] = []
    for file in sorted(PACKAGE.rglob("*.py")):
        source = file.read_text(encoding="utf-8")
        if "update" in source.lower():  # no statement to find without the word
            found += scan(source, str(file.relative_to(PACKAGE)))
    return found


def test_no_bulk_update_bypasses_a_version_counter() -> None:
    found = scan_package()
    refused = [f for f in found if (f.path, f.function) not in ALLOWED]
    assert refused == [], "\n".join(str(f) for f in refused)
    used = {(f.path, f.function) for f in found}
    assert set(ALLOWED) <= used, f"allow-list entries no longer needed: {set(ALLOWED) - used}"


# -- the scan itself -----------------------------------------------------------------------------

_BAD = """
from sqlalchemy import text, update
from sqlalchemy import update as core_update

def core(session):
    session.execute(update(Risk).where(Risk.id == 1).values(title="x"))

def aliased(session):
    session.execute(core_update(Risk.__table__).values(title="x"))

def wrong_model_bumped(session):
    session.execute(update(Risk).values(title="x", version=Action.version + 1))

def unknown(session, model):
    session.execute(update(model).values(position=1))

def legacy(session):
    session.query(Risk).filter(Risk.id == 1).update({"title": "x"})

def raw(conn):
    conn.execute(text("UPDATE risk SET title = 'x' WHERE id = 1"))

def raw_driver(conn, table):
    conn.exec_driver_sql(f"update {table} set title = 'x'")
"""

_GOOD = """
from sqlalchemy import text, update

def bumped(session):
    session.execute(update(Risk).where(Risk.id == 1).values(title="x", version=Risk.version + 1))

def bumped_dict(session):
    session.execute(update(Risk).values({"title": "x", "version": Risk.version + 1}))

def plain_table(session):
    session.execute(update(AuditEntry).values(actor="x"))

def raw_bumped(conn):
    conn.execute(text("UPDATE risk SET title = 'x', version = version + 1 WHERE id = 1"))

def not_sql(widget, mapping, other):
    widget.update()
    mapping.update(other)
    text("Send for update: the officer sets the status")
    text("CREATE TRIGGER t BEFORE UPDATE ON risk BEGIN SELECT 1; END")
"""


def test_scan_finds_each_kind_of_bypass() -> None:
    found = scan(_BAD, "bad.py")
    assert [(f.line, f.function) for f in found] == [
        (6, "core"),
        (9, "aliased"),
        (12, "wrong_model_bumped"),
        (15, "unknown"),
        (18, "legacy"),
        (21, "raw"),
        (24, "raw_driver"),
    ]
    assert str(found[0]) == "bad.py:6 (core): update(Risk) without version=Risk.version + 1"


def test_scan_accepts_bumped_and_unversioned_updates() -> None:
    assert scan(_GOOD, "good.py") == []
