"""Records built straight from CSV cells, by the models' own rules, without pydantic's cost.

Validating a million CSV rows through pydantic takes minutes. Yet every field of
:class:`~graphkit.schema.model.Node` and :class:`~graphkit.schema.model.Relationship`
is a plain type (a string, an optional string, a tuple of strings, a yes/no) behind a
few validators (the blank cell as None, the list split, the date, status and role
category checks). For such a field this module runs the model's own field validators,
taken from the model (``__pydantic_decorators__``) in the order pydantic runs them,
and accepts the result only when it already has the field's annotated type exactly,
as it is (pydantic would keep it unchanged). Whatever else (a type pydantic would
coerce, a validator that raises, a field or setting this module does not know) makes
the row go to the model, which builds it or says what is wrong with it. So the model
is the one declaration: a field added or changed there is read here the same way.

Each distinct cell of a field is read once (cells repeat: dates, statuses, lists of
sources), and the records share what pydantic would give each its own copy of (their
fields-set, their dict's keys). tests/test_ingest_speed.py checks that a record built
here is the record the model builds (values, their order, the fields set).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any, NamedTuple

from pydantic import BaseModel

_setattr = object.__setattr__
FAIL: Any = object()  # a cell this module does not read: the model reads its row

#: What each plain field annotation accepts as it is (pydantic, given such a value, keeps it).
_PLAIN: dict[Any, Callable[[Any], bool]] = {
    str: lambda v: type(v) is str,
    str | None: lambda v: v is None or type(v) is str,
    bool: lambda v: type(v) is bool,
    int: lambda v: type(v) is int,
    tuple[str, ...]: lambda v: type(v) is tuple and all(type(x) is str for x in v),
}
#: model_config entries under which a value of the right type is kept as it is.
_SAFE_CONFIG = {"frozen", "extra", "populate_by_name", "arbitrary_types_allowed", "title"}


def field_reader(model: type[BaseModel], name: str) -> Callable[[Any], Any] | None:
    """A function giving field ``name``'s value from one input (a cell) as ``model`` would
    validate it, or :data:`FAIL` where the model must read it; None when the field has no
    such reader (its type is not plain, it has constraints, or a validator of a kind
    this module does not run)."""
    config = model.model_config
    if not set(config) <= _SAFE_CONFIG or config.get("extra", "ignore") != "ignore":
        return None
    info = model.model_fields[name]
    accepts = _PLAIN.get(info.annotation)
    if accepts is None or info.metadata:
        return None
    before: list[Callable[[Any], Any]] = []
    after: list[Callable[[Any], Any]] = []
    for dec in model.__pydantic_decorators__.field_validators.values():
        if name not in dec.info.fields and "*" not in dec.info.fields:
            continue
        if dec.info.mode not in ("before", "after") or len(inspect.signature(dec.func).parameters) != 1:
            return None  # (a validator given pydantic's info, a wrap or plain one: the model's)
        (before if dec.info.mode == "before" else after).append(dec.func)
    if model.__pydantic_decorators__.model_validators or model.__pydantic_decorators__.validators:
        return None
    before.reverse()  # pydantic runs the "before" validators last declared first

    def read(value: Any) -> Any:
        try:
            for fn in before:
                value = fn(value)
            if not accepts(value):
                return FAIL
            for fn in after:
                value = fn(value)
        except Exception:
            return FAIL
        return value

    return read


class CellReader:
    """Builds records from CSV cells (see the module). One reader, for one validation,
    keeps each field's distinct cells read: equal cells give one shared value."""

    def __init__(self) -> None:
        self._fields: dict[tuple[type[BaseModel], str], _Field | None] = {}

    def field(self, model: type[BaseModel], name: str) -> _Field | None:
        """The field's :func:`field_reader` and the values it has read, by text."""
        key = (model, name)
        if key not in self._fields:
            read = field_reader(model, name)
            self._fields[key] = _Field(read, {}) if read is not None else None
        return self._fields[key]

    def builder(
        self, model: type[BaseModel], columns: dict[str, int], fixed: dict[str, Any]
    ) -> Callable[[list[str], str, int], Any] | None:
        """A function ``build(cells, file, line)`` giving ``model(**{k: cells[i] for k, i in
        columns.items()}, **fixed, file=file, line=line)``, the very record, or None when
        the model must read that row. None (no builder) when these keywords are not all
        fields with a reader: then every row goes to the model."""
        by_key: dict[str, str] = {}  # keyword -> field (by alias, or by name: populate_by_name)
        for name, info in model.model_fields.items():
            by_key[name] = name
            if info.alias:
                by_key[info.alias] = name
        keys = [*columns, *fixed, "file", "line"]
        fields: dict[str, Any] = {}  # field -> its cell's index, or ("given", value)
        for key in keys:
            name = by_key.get(key)
            if name is None:
                continue  # not a field: ignored (extra="ignore")
            if name in fields or self.field(model, name) is None:
                return None  # (one field given twice, or a field to validate by the model)
            fields[name] = columns[key] if key in columns else ("given", fixed.get(key))
        from_cells: list[tuple[str, int, _Field]] = []
        values: dict[str, Any] = {}  # the fields given once for every row, and the defaults
        for name, info in model.model_fields.items():
            where = fields.get(name)
            field = self.field(model, name)
            if where is None:
                if info.is_required():
                    return None
                values[name] = info.get_default(call_default_factory=True)
                if not isinstance(values[name], (str, int, tuple, type(None))):
                    return None  # (pydantic gives each record its own copy of a mutable default)
            elif isinstance(where, tuple):
                if name not in ("file", "line"):
                    values[name] = field.value(where[1])  # type: ignore[union-attr]
                    if values[name] is FAIL:
                        return None
            else:
                from_cells.append((name, where, field))  # type: ignore[arg-type]
        file, line = self.field(model, "file"), self.field(model, "line")
        blank = _blank(model, values).copy
        fields_set = set(fields)  # shared by the records of the table, as never changed

        def build(cells: list[str], path: str, number: int) -> Any:
            d = blank()
            for name, i, (read, seen) in from_cells:
                cell = cells[i]
                value = seen.get(cell, seen)  # (inline: a million rows, a dozen cells each)
                if value is seen:
                    value = seen[cell] = read(cell)
                if value is FAIL:
                    return None
                d[name] = value
            d["file"], d["line"] = file.value(path), line.value(number)  # type: ignore[union-attr]
            if d["file"] is FAIL or d["line"] is FAIL:
                return None
            return instance(model, d, fields_set)

        return build


class _Field(NamedTuple):
    read: Callable[[Any], Any]  # field_reader's
    seen: dict[str, Any]  # text -> the value read (or FAIL)

    def value(self, given: Any) -> Any:
        """The value read from ``given``: once per distinct text."""
        if type(given) is not str:
            return self.read(given)
        out = self.seen.get(given, self.seen)
        if out is self.seen:
            out = self.seen[given] = self.read(given)
        return out


def _blank(model: type[BaseModel], values: dict[str, Any]) -> dict[str, Any]:
    """A ``__dict__`` of ``model`` holding ``values`` (the other fields None), in the
    fields' order, made attribute by attribute: its copies are CPython's compact instance
    dicts (the keys kept once, with the class), some 180 bytes less a record."""
    m = model.__new__(model)
    for name in model.model_fields:
        _setattr(m, name, values.get(name))
    return m.__dict__


def instance(model: type[BaseModel], values: dict[str, Any], fields_set: set[str]) -> Any:
    """The ``model`` record of ``values`` (every field, in order, already valid), with this
    fields-set (which the caller shares between records and never changes)."""
    m = model.__new__(model)
    _setattr(m, "__dict__", values)
    _setattr(m, "__pydantic_fields_set__", fields_set)
    _setattr(m, "__pydantic_extra__", None)
    _setattr(m, "__pydantic_private__", None)
    return m


_FIELDS_SETS: dict[tuple[int, tuple[str, ...]], tuple[set[str], set[str]]] = {}


def with_values(rec: BaseModel, update: dict[str, Any]) -> Any:
    """``rec.model_copy(update=update)`` (no validation, as there), where copies of records
    that share a fields-set share their new one (a million copies, one set)."""
    cls = type(rec)
    if cls.model_config.get("extra") == "allow" or cls.__private_attributes__:
        return rec.model_copy(update=update)
    fs = rec.__pydantic_fields_set__
    key = (id(fs), tuple(update))
    known = _FIELDS_SETS.get(key)
    if known is None or known[0] is not fs:
        if len(_FIELDS_SETS) > 1000:
            _FIELDS_SETS.clear()
        known = _FIELDS_SETS[key] = (fs, fs | set(update))  # (fs kept: its id is not reused)
    values = rec.__dict__.copy()
    values.update(update)
    return instance(cls, values, known[1])
