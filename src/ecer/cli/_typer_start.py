"""Start typer light (issue 6 §7: ``ecer catalog list`` < 0.4 s): no pydantic for an option nobody gave, and only
the command group that runs is built.

typer 0.29 coerces every parameter through a pydantic ``TypeAdapter`` that it builds the first time the parameter
is processed — also when its value is ``None`` (the option was not given), although its coercion returns ``None``
for a single value without ever calling the adapter (``typer._coercion.RuntimeParam.coerce``). Every command has
at least one such parameter, the ``--help`` flag, so every command paid for importing pydantic and building
three adapters (≈ 0.09 s of the 0.22 s ``ecer catalog list`` took, CPU, 2026-12-02).

:func:`install` wraps ``_TyperParameter.process_value`` so that a ``None`` for a single-valued parameter goes
straight to the rest of the processing (the required check, the callback) — exactly what typer does after its
coercion returns that ``None``. A given value, a multi-valued parameter (whose ``None`` typer turns into ``()``)
and every other case go through typer unchanged.

Before it runs anything, typer turns every command of every group into a click command — reading each function's
signature and evaluating its annotations, twice per function — although a run uses one group (≈ 0.06 of the 0.3 s
``ecer catalog list`` took, CPU, 2026-12-02 on the loaded machine). :func:`install` also wraps typer's
``get_group_from_info`` so that a group's named sub-groups are built when they are first looked up (the group's
``commands`` is a :class:`LazyCommands` mapping, in typer's order: the group's own commands, then its sub-groups),
and lets the two reads of one function's parameters that follow each other share the first. The help of a group
looks every sub-group up, so ``ecer --help`` still builds them all and prints what it printed.

If typer's internals change (no such class or function), nothing is patched and typer works as it always did,
only slower to start.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

_PENDING = object()


class LazyCommands(MutableMapping[str, Any]):
    """A group's commands by name; a sub-group is built (once) by its builder when it is first looked up."""

    def __init__(self, built: dict[str, Any], builders: dict[str, Callable[[], Any]]) -> None:
        self._items: dict[str, Any] = dict(built)
        self._builders: dict[str, Callable[[], Any]] = {}
        for name, build in builders.items():
            self._items[name] = _PENDING
            self._builders[name] = build

    def __getitem__(self, name: str) -> Any:
        value = self._items[name]
        if value is _PENDING:
            value = self._builders.pop(name)()
            self._items[name] = value
        return value

    def __setitem__(self, name: str, value: Any) -> None:
        self._builders.pop(name, None)
        self._items[name] = value

    def __delitem__(self, name: str) -> None:
        self._builders.pop(name, None)
        del self._items[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def pending(self) -> list[str]:
        """The names not built yet."""
        return list(self._builders)


def _install_lazy_groups() -> bool:
    try:
        import typer.main as tm
    except ImportError:  # pragma: no cover - another typer
        return False
    original = getattr(tm, "get_group_from_info", None)
    solve = getattr(tm, "solve_typer_info_defaults", None)
    params_of = getattr(tm, "get_params_from_function", None)
    if original is None or solve is None or params_of is None:  # pragma: no cover
        return False
    if getattr(original, "_ecer_lazy_groups", False):
        return True

    last: list[Any] = []  # [function, its parameters]: read once, used by the next read of the same function

    def get_params_from_function(func: Any) -> Any:
        if last and last[0] is func:
            params = last[1]
            last.clear()
            return params
        params = params_of(func)
        last[:] = [func, params]
        return params

    def get_group_from_info(group_info: Any, **kw: Any) -> Any:
        subs = list(getattr(group_info.typer_instance, "registered_groups", None) or [])
        names = [solve(s).name for s in subs]
        if not subs or not all(names):  # a nameless sub-group merges its commands: typer's own way
            return original(group_info, **kw)
        bare_app = copy.copy(group_info.typer_instance)
        bare_app.registered_groups = []
        bare_info = copy.copy(group_info)
        bare_info.typer_instance = bare_app
        group = original(bare_info, **kw)
        builders: dict[str, Callable[[], Any]] = {name: functools.partial(get_group_from_info, s, **kw)
                                                  for name, s in zip(names, subs, strict=True)}
        group.commands = LazyCommands(dict(group.commands), builders)
        return group

    get_group_from_info._ecer_lazy_groups = True  # type: ignore[attr-defined]
    tm.get_group_from_info = get_group_from_info
    tm.get_params_from_function = get_params_from_function
    return True


def install() -> bool:
    """Install the wrappers once; return whether they are in place."""
    return _install_none_skips_coercion() & _install_lazy_groups()


def _install_none_skips_coercion() -> bool:
    try:
        from typer.core import _TyperParameter
    except ImportError:  # pragma: no cover - another typer
        return False
    original = getattr(_TyperParameter, "process_value", None)
    if original is None or not hasattr(_TyperParameter, "value_is_missing"):  # pragma: no cover
        return False
    if getattr(original, "_ecer_none_skips_coercion", False):
        return True

    def process_value(self: Any, ctx: Any, value: Any) -> Any:
        if value is None and not (self.multiple or self.nargs == -1):
            # typer's coercion of None here is None (RuntimeParam.coerce); what follows is typer's own code
            if self.required and self.value_is_missing(value):
                from typer import _click

                raise _click.exceptions.MissingParameter(ctx=ctx, param=self)
            if self.callback is not None:
                value = self.callback(ctx, self, value)
            return value
        return original(self, ctx, value)

    process_value._ecer_none_skips_coercion = True  # type: ignore[attr-defined]
    _TyperParameter.process_value = process_value  # type: ignore[method-assign]
    return True
