"""An import-linter contract: no import cycle among the modules of each app.

import-linter's own acyclic_siblings compares sibling modules and packages, so
a package whose __init__ imports a child that imports the package back (the
cycle an import hidden inside a function dodges) passes it. This one looks at
every module of each app, packages' own modules included: the strongly
connected parts of the graph of direct imports, counting imports inside
functions as grimp does.

    [tool.importlinter]
    contract_types = ["acyclic_modules: scripts.import_contracts.AcyclicModulesContract"]
"""

from importlinter.application import contract_utils, output
from importlinter.application.contract_utils import AlertLevel
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck


class AcyclicModulesContract(Contract):
    type_name = "acyclic_modules"

    packages = fields.ListField(subfield=fields.StringField())
    ignore_imports = fields.SetField(subfield=fields.ImportExpressionField(), required=False)
    unmatched_ignore_imports_alerting = fields.EnumField(AlertLevel, default=AlertLevel.ERROR)

    def check(self, graph, verbose: bool) -> ContractCheck:
        removal = contract_utils.remove_ignored_imports_and_report(
            graph=graph,
            ignore_imports=self.ignore_imports,
            unmatched_alerting=self.unmatched_ignore_imports_alerting,
        )
        cycles = []
        for package in self.packages:
            modules = {package} | graph.find_descendants(package)
            cycles += [sorted(part) for part in cycles_among(graph, modules)]
        return ContractCheck(
            kept=not cycles,
            warnings=list(removal.warnings),
            ignored_import_count=removal.ignored_import_count,
            metadata={"cycles": cycles},
        )

    def render_broken_contract(self, check: ContractCheck) -> None:
        for cycle in check.metadata["cycles"]:
            output.print_error("These modules import one another in a cycle:")
            for module in cycle:
                output.print_error(f"-   {module}", bold=False)
            output.new_line()


def cycles_among(graph, modules: set[str]) -> list[set[str]]:
    """The groups of two or more modules that each reach the others (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module) & modules:
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            part = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                part.add(member)
                if member == module:
                    break
            if len(part) > 1:
                found.append(part)

    for module in sorted(modules):
        if module not in index:
            visit(module)
    return found
