"""Hand-written SELECTs read back into model instances, converted exactly as the ORM would.

For the few reads on the hottest page (the comparison board, comparisons/board_reads.py) the
ORM's cost is not the database: on the demo comparison, building and compiling five querysets
took ~4.5 ms of Python per request while SQLite answered all five in ~0.3 ms. This module
writes a model's column list for a SELECT and turns each slice of a result row back into an
instance, with the database converters the ORM applies (aware datetimes, Decimals, bools on
SQLite), so the objects a template gets are the same as the ORM's.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import Model


@dataclass(frozen=True)
class Columns:
    """Every concrete column of `model`, read from the table aliased `alias`."""

    model: type[Model]
    alias: str

    @cached_property
    def fields(self) -> tuple:
        return tuple(self.model._meta.concrete_fields)

    # The SQL pieces are worked out once: quoting is the same for the life of the process.
    @cached_property
    def table(self) -> str:
        return f"{connection.ops.quote_name(self.model._meta.db_table)} {self.alias}"

    @cached_property
    def select(self) -> str:
        quote = connection.ops.quote_name
        return ", ".join(f"{self.alias}.{quote(field.column)}" for field in self.fields)

    def column(self, name: str) -> str:
        """`alias.column` of the field called `name` (its attname or name)."""
        try:
            return self._columns[name]
        except KeyError:
            field = self.model._meta.get_field(name)
            found = self._columns[name] = f"{self.alias}.{connection.ops.quote_name(field.column)}"
            return found

    @cached_property
    def _columns(self) -> dict[str, str]:
        return {}

    @cached_property
    def _converters(self) -> tuple:
        converters = []
        for field in self.fields:
            expression = field.get_col(self.model._meta.db_table)
            found = connection.ops.get_db_converters(expression)
            found += expression.get_db_converters(connection)
            converters.append((expression, tuple(found)))
        return tuple(converters)

    @cached_property
    def pk_index(self) -> int:
        return self.fields.index(self.model._meta.pk)

    def load(self, row, start: int = 0) -> Model | None:
        """The instance in `row[start:start + len(fields)]`; None for a LEFT JOIN's empty side."""
        values = list(row[start : start + len(self.fields)])
        if values[self.pk_index] is None:
            return None
        db = connections[DEFAULT_DB_ALIAS]
        for index, (expression, converters) in enumerate(self._converters):
            for convert in converters:
                values[index] = convert(values[index], expression, db)
        return self.model.from_db(DEFAULT_DB_ALIAS, None, values)

    def __len__(self) -> int:
        return len(self.fields)


def placeholders(count: int) -> str:
    """`%s, %s, ...` for an IN list of `count` parameters."""
    return ", ".join(["%s"] * count)


def fetch(sql: str, params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
