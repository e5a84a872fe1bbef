"""Run mutmut (pinned in the dev extra) so that it also mutates the core's formulas.

mutmut 3 skips every decorated function, because copying a decorated function can repeat its side effects
(a route registered twice). ECER's formulas are decorated with ``ecer.core.vector.elementwise`` — a pure
wrapper with no side effect at definition time — and they are the heart of the core, so this runner lets
mutmut mutate functions whose only decorator is ``elementwise``: the trampoline, the original copy and the
mutants each keep the decorator, which passes polars expressions straight through, so each mutant computes
exactly what the edited source would. Every other decorated function is still skipped.

Usage (``make mutation`` does this): ``python scripts/mutation.py run --max-children 1``, then
``python scripts/mutation.py results``. Configuration: ``[tool.mutmut]`` in pyproject.toml; results:
docs/mutation.md.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import PositionProvider
from mutmut.__main__ import cli
from mutmut.mutation import file_mutation
from mutmut.runners.harness import PytestRunner

ALLOWED_DECORATORS = {"elementwise"}

_visitor = file_mutation.MutationVisitor
_skip = _visitor._skip_node_and_children


def _only_allowed_decorators(node: cst.FunctionDef) -> bool:
    return len(node.decorators) > 0 and all(
        isinstance(d.decorator, cst.Name) and d.decorator.value in ALLOWED_DECORATORS for d in node.decorators
    )


def _skip_node_and_children(self: file_mutation.MutationVisitor, node: cst.CSTNode) -> bool:
    if isinstance(node, cst.FunctionDef) and _only_allowed_decorators(node):
        # the same checks mutmut makes for an undecorated function
        position = self.get_metadata(PositionProvider, node, None)
        if position and position.start.line in self._ignored_node_lines:
            self.ignored_functions.add(node.name.value)
            return True
        return node.name.value in file_mutation.NEVER_MUTATE_FUNCTION_NAMES
    return _skip(self, node)


_visitor._skip_node_and_children = _skip_node_and_children  # type: ignore[method-assign]


class _NoDoctestsOfMutantCopies:
    """A mutant copy (``x_name__mutmut_3``) keeps the docstring of its function, so pytest's doctest finder would
    collect the same doctest once per mutant; deselect those copies (the function's own doctest still runs)."""

    def pytest_collection_modifyitems(self, config: object, items: list) -> None:  # type: ignore[type-arg]
        copies = [i for i in items if "__mutmut_" in i.nodeid]
        if copies:
            items[:] = [i for i in items if "__mutmut_" not in i.nodeid]
            config.hook.pytest_deselected(items=copies)  # type: ignore[attr-defined]


_execute = PytestRunner.execute_pytest


def _execute_pytest(self: PytestRunner, params: list[str], **kwargs: object) -> int:
    plugins = list(kwargs.pop("plugins", None) or [])  # type: ignore[call-overload]
    return _execute(self, params, plugins=[*plugins, _NoDoctestsOfMutantCopies()], **kwargs)


PytestRunner.execute_pytest = _execute_pytest  # type: ignore[method-assign]

if __name__ == "__main__":
    cli()
