"""Baked queries: the SQL of a hot query compiled once per process, then run with new ids.

Django builds and compiles a queryset again on every call. For the header's numbers that is most of the work: a
pupil's unread mentions took 2.4 ms of Python to build and compile and a teacher's badge (five counts) 6.5 ms, on
every page, while the database answered in a fraction of that (issue 15). SQLAlchemy calls the remedy "baked
queries"; this is the same idea for the few querysets that are worth it.

A baked query is a function `build(*ids)` returning a one-row `values()` queryset whose SQL depends on the ids
only as parameters. It is built twice with different stand-in ids (negative numbers no row has); the two
compiled SQL strings must be equal, and the parameters may differ only where the stand-ins are, or baking fails
with NotBakeable. So a queryset that carries something else that changes, a `timezone.now()` for instance, is
refused rather than frozen. The SQL and the places of the ids are kept in the process's "baked" cache: a
LocMemCache alias, as Django's cached template loader keeps compiled templates per process. Nothing is shared
between processes or kept across a deploy, and the ORM queryset stays the one definition of the query.
"""

from dataclasses import dataclass

from django.core.cache import caches
from django.db import connections
from django.db.models import IntegerField
from django.db.models.expressions import RawSQL

STAND_INS = ((-917_001, -917_002, -917_003), (-917_011, -917_012, -917_013))
CACHE_ALIAS = "baked"


class NotBakeable(Exception):
    """The queryset's SQL changes with something other than its ids."""


@dataclass(frozen=True)
class Baked:
    sql: str
    params: tuple  # the constants, with None where an id goes
    id_places: tuple  # (place in params, index of the id)

    def params_for(self, ids):
        params = list(self.params)
        for place, index in self.id_places:
            params[place] = ids[index]
        return params


def stand_in(model, pk):
    """An instance with only a primary key, for a build that asks for an object (a user) rather than an id."""
    instance = model(pk=pk)
    instance._state.adding = False
    return instance


def bake(name, build, arity, using="default"):
    """The Baked form of `build` (taking `arity` ids), compiled on first use in this process."""
    vendor = connections[using].vendor
    key = f"{name}:{arity}:{using}:{vendor}"
    cache = caches[CACHE_ALIAS]
    baked = cache.get(key)
    if baked is None:
        baked = _compile(name, build, arity, using)
        cache.set(key, baked, None)
    return baked


def _compile(name, build, arity, using):
    first, second = (build(*ids[:arity]).query.get_compiler(using).as_sql() for ids in STAND_INS)
    (sql, params), (other_sql, other_params) = first, second
    if sql != other_sql or len(params) != len(other_params):
        raise NotBakeable(f"{name}: the SQL changes with its ids (an id written into it, or a branch on one)")
    wanted = STAND_INS[0][:arity]
    constants, places = [], []
    for place, (value, other) in enumerate(zip(params, other_params, strict=True)):
        if value in wanted and other == STAND_INS[1][wanted.index(value)]:
            index = wanted.index(value)
            constants.append(None)
            places.append((place, index))
        elif value == other:
            constants.append(value)
        else:
            raise NotBakeable(f"{name}: parameter {place} changes between builds ({value!r}, {other!r})")
    return Baked(sql, tuple(constants), tuple(places))


def row(name, build, *ids, using="default"):
    """The first row of the baked query as a tuple, or None; one query. Values come as the database driver gives
    them (no Django converters): use it for numbers and text."""
    baked = bake(name, build, len(ids), using)
    with connections[using].cursor() as cursor:
        cursor.execute(baked.sql, baked.params_for(ids))
        return cursor.fetchone()


def scalar(name, build, *ids, output_field=None, using="default"):
    """The baked query as a scalar subquery to annotate another query with (its first column)."""
    baked = bake(name, build, len(ids), using)
    return RawSQL(f"({baked.sql})", baked.params_for(ids), output_field=output_field or IntegerField())  # noqa: S611
