"""Keep typer from importing pydantic for an option nobody gave (issue 6 §7: ``ecer catalog list`` < 0.4 s).

typer 0.29 coerces every parameter through a pydantic ``TypeAdapter`` that it builds the first time the parameter
is processed — also when its value is ``None`` (the option was not given), although its coercion returns ``None``
for a single value without ever calling the adapter (``typer._coercion.RuntimeParam.coerce``). Every command has
at least one such parameter, the ``--help`` flag, so every command paid for importing pydantic and building
three adapters (≈ 0.09 s of the 0.22 s ``ecer catalog list`` took, CPU, 2026-12-02).

:func:`install` wraps ``_TyperParameter.process_value`` so that a ``None`` for a single-valued parameter goes
straight to the rest of the processing (the required check, the callback) — exactly what typer does after its
coercion returns that ``None``. A given value, a multi-valued parameter (whose ``None`` typer turns into ``()``)
and every other case go through typer unchanged. If typer's internals change (no such class or method), nothing
is patched and typer works as it always did, only slower to start.
"""

from __future__ import annotations

from typing import Any


def install() -> bool:
    """Install the wrapper once; return whether it is in place."""
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
