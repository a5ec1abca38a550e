"""Scalar subqueries for many numbers in one query: a listing's counts and latest times ride along with its rows."""

from django.db.models import DateTimeField, F, Func, IntegerField, Subquery
from django.db.models.functions import Coalesce


def count(queryset, field="id"):
    """The number of distinct rows of `queryset` (usually filtered on an OuterRef), 0 when there are none."""
    counted = queryset.order_by().annotate(
        n=Func(F(field), function="COUNT", template="COUNT(DISTINCT %(expressions)s)")
    )
    return Coalesce(Subquery(counted.values("n")[:1], output_field=IntegerField()), 0)


def latest(queryset, field="created_at"):
    """The newest value of `field` among `queryset`'s rows, or None."""
    return Subquery(queryset.order_by(f"-{field}").values(field)[:1], output_field=DateTimeField())
