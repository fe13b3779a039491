"""The root command group, whose commands typer builds only when the command line asks for them.

typer turns every command's signature into click options when the program starts: for
``parplan gap`` that was twenty commands (the ``units`` sub-app imported and built too), a
tenth of the start-up, to run one. Here the commands are declared on a typer app of their own
(:data:`parplan.cli.main.commands`), and the root group holds them as a mapping that builds
each one, with typer's own :func:`typer.main.get_command_from_info`, on first use; a sub-app
(``units``) is imported then too. ``--help``, completion and a mistyped command still see
every command, in the order declared (the lazy group of click's documentation, for typer).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, MutableMapping

import typer
import typer.main
from typer import _click
from typer.core import TyperGroup


class Commands(MutableMapping[str, _click.Command]):
    """A group's commands by name, each built when it is first looked up."""

    def __init__(self, builders: dict[str, Callable[[], _click.Command]]) -> None:
        self._builders = builders
        self._built: dict[str, _click.Command] = {}

    def __getitem__(self, name: str) -> _click.Command:
        if name not in self._built:
            self._built[name] = self._builders[name]()
        return self._built[name]

    def __setitem__(self, name: str, command: _click.Command) -> None:
        self._builders[name] = lambda: command
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._builders[name]
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._builders)

    def __len__(self) -> int:
        return len(self._builders)


def _command(info: typer.models.CommandInfo, app: typer.Typer) -> Callable[[], _click.Command]:
    def build() -> _click.Command:
        return typer.main.get_command_from_info(
            info, pretty_exceptions_short=app.pretty_exceptions_short, rich_markup_mode=app.rich_markup_mode
        )

    return build


def _sub_app(module: str) -> Callable[[], _click.Command]:
    def build() -> _click.Command:
        sub_app: typer.Typer = importlib.import_module(module).app
        return typer.main.get_group(sub_app)

    return build


def lazy_group(commands: typer.Typer, sub_apps: dict[str, str]) -> type[TyperGroup]:
    """A group class for the root app (``typer.Typer(cls=…)``): its commands are those declared
    on ``commands``, then each sub-app named in ``sub_apps`` (name: the module whose ``app`` it
    is), built when first looked up."""

    def builders() -> dict[str, Callable[[], _click.Command]]:
        found: dict[str, Callable[[], _click.Command]] = {}
        for info in commands.registered_commands:
            assert info.callback is not None  # a declared command has its function
            found[info.name or typer.main.get_command_name(info.callback.__name__)] = _command(info, commands)
        for name, module in sub_apps.items():
            found[name] = _sub_app(module)
        return found

    class LazyGroup(TyperGroup):
        def __init__(self, **attrs: object) -> None:
            super().__init__(**attrs)  # type: ignore[arg-type]  # typer's own keywords, passed on
            self.commands = Commands(builders())

        def list_commands(self, ctx: _click.Context) -> list[str]:
            """The names alone: listing them builds nothing."""
            return list(self.commands)

    return LazyGroup


__all__ = ["Commands", "lazy_group"]
