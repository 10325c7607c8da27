"""``automations-cli`` (also ``python -m automations``): automations as code from a shell.

Tables for people, ``--json`` for scripts; on an error the API's message goes to stderr and the exit status is 1
(2 for a usage error). Secret values are read from stdin or a hidden prompt, never from the command line.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, TextIO

from . import __version__
from ._normalize import same_definition
from .api import Api
from .config import DEFAULT_BASE_URL, Settings, load_file, save_file
from .errors import AutomationsError, NotFound
from .models import Automation, Execution

__all__ = ["main"]


class CliError(Exception):
    """A usage problem the CLI reports and exits 2 for."""


def main(argv: Optional[Sequence[str]] = None, stdin: Optional[TextIO] = None, stdout: Optional[TextIO] = None,
         stderr: Optional[TextIO] = None) -> int:
    out, err, inp = stdout or sys.stdout, stderr or sys.stderr, stdin or sys.stdin
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    for name, default in (("base_url", None), ("entity", None), ("json", False)):
        if not hasattr(args, name):
            setattr(args, name, default)
    if not getattr(args, "handler", None):
        parser.print_help(out)
        return 2
    args.opened = []
    try:
        return int(args.handler(args, _Io(inp, out, err)) or 0)
    except CliError as e:
        print(f"error: {e}", file=err)
        return 2
    except AutomationsError as e:
        print(f"error: {e}", file=err)
        return 1
    except (OSError, ValueError) as e:
        print(f"error: {e}", file=err)
        return 1
    finally:
        for api in args.opened:
            api.close()


class _Io:
    def __init__(self, inp: TextIO, out: TextIO, err: TextIO) -> None:
        self.inp, self.out, self.err = inp, out, err


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: an option given before the subcommand is not reset by the subcommand's own default.
    common.add_argument("--base-url", default=argparse.SUPPRESS,
                        help=f"the suite's URL (default: AUTOMATIONS_BASE_URL, login, {DEFAULT_BASE_URL})")
    common.add_argument("-e", "--entity", default=argparse.SUPPRESS,
                        help="the entity (default: AUTOMATIONS_ENTITY or login's)")
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help="print JSON instead of a table")

    p = argparse.ArgumentParser(prog="automations-cli", description="Automations as code, from a shell.",
                                parents=[common])
    p.add_argument("--version", action="version", version=f"automations {__version__}")
    sub = p.add_subparsers(dest="command")

    login = sub.add_parser("login", parents=[common], help="store the base URL and an API key (file mode 0600)")
    login.add_argument("--api-key-stdin", action="store_true", help="read the key from stdin instead of a prompt")
    login.set_defaults(handler=_login)

    autos = sub.add_parser("automations", parents=[common], help="list, show, apply, enable, disable, delete")
    asub = autos.add_subparsers(dest="action")
    a = asub.add_parser("list", parents=[common])
    a.set_defaults(handler=_automations_list)
    a = asub.add_parser("get", parents=[common])
    a.add_argument("name", help="name or id")
    a.set_defaults(handler=_automations_get)
    a = asub.add_parser("apply", parents=[common], help="create or update automations from a JSON file")
    a.add_argument("-f", "--file", required=True, help="a JSON automation, or a list of them ('-' for stdin)")
    a.set_defaults(handler=_automations_apply)
    for verb in ("enable", "disable", "delete"):
        a = asub.add_parser(verb, parents=[common])
        a.add_argument("name", help="name or id")
        a.set_defaults(handler=_automations_toggle if verb != "delete" else _automations_delete, verb=verb)

    execs = sub.add_parser("executions", parents=[common], help="an automation's executions, redelivery")
    esub = execs.add_subparsers(dest="action")
    e = esub.add_parser("list", parents=[common])
    e.add_argument("--automation", help="name or id (default: every automation of the entity)")
    e.add_argument("--status", choices=["PENDING", "FINISHED", "FAILED", "SKIPPED"], type=str.upper)
    e.add_argument("--limit", type=int, default=50)
    e.set_defaults(handler=_executions_list)
    e = esub.add_parser("redeliver", parents=[common])
    e.add_argument("id")
    e.set_defaults(handler=_executions_redeliver)

    integ = sub.add_parser("integrations", parents=[common], help="list, test")
    isub = integ.add_subparsers(dest="action")
    i = isub.add_parser("list", parents=[common])
    i.set_defaults(handler=_integrations_list)
    i = isub.add_parser("test", parents=[common])
    i.add_argument("name")
    i.add_argument("--payload", help="a JSON payload template to send (a sample by default)")
    i.set_defaults(handler=_integrations_test)

    secs = sub.add_parser("secrets", parents=[common], help="list names, set a value")
    ssub = secs.add_subparsers(dest="action")
    s = ssub.add_parser("list", parents=[common])
    s.set_defaults(handler=_secrets_list)
    s = ssub.add_parser("set", parents=[common], help="value from stdin, or a hidden prompt")
    s.add_argument("name")
    s.set_defaults(handler=_secrets_set)

    runs = sub.add_parser("runs", parents=[common], help="list a project's runs")
    rsub = runs.add_subparsers(dest="action")
    r = rsub.add_parser("list", parents=[common])
    r.add_argument("-p", "--project", required=True)
    r.set_defaults(handler=_runs_list)
    return p


# -- helpers ------------------------------------------------------------------------------------------------------

def _api(args: argparse.Namespace) -> Api:
    api = Api(base_url=args.base_url)
    args.opened.append(api)
    return api


def _entity(args: argparse.Namespace, api: Api) -> str:
    entity = args.entity or api.default_entity
    if not entity:
        raise CliError("which entity? give -e ENTITY (or set AUTOMATIONS_ENTITY, or log in with -e)")
    return entity


def _print_json(io: _Io, value: Any) -> None:
    json.dump(value, io.out, indent=2, sort_keys=False)
    io.out.write("\n")


def _table(io: _Io, headers: List[str], rows: Iterable[Sequence[Any]]) -> None:
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    io.out.write("  ".join(h.upper().ljust(w) for h, w in zip(headers, widths)).rstrip() + "\n")
    for row in cells:
        io.out.write("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() + "\n")


def _show(args: argparse.Namespace, io: _Io, items: Sequence[Any], headers: List[str],
          row: Callable[[Any], Sequence[Any]]) -> int:
    """A list: each item's JSON with ``--json``, else a table of ``row(item)``."""
    if args.json:
        _print_json(io, [i.raw for i in items])
    else:
        _table(io, headers, [row(i) for i in items])
    return 0


def _done(args: argparse.Namespace, io: _Io, raw: Any, line: str) -> int:
    """One result: its JSON with ``--json``, else a line for people."""
    if args.json:
        _print_json(io, raw)
    else:
        io.out.write(line + "\n")
    return 0


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (dict, list)):
        return json.dumps(value, separators=(",", ":"))
    return str(value)


def _scope_text(scope: Dict[str, Any]) -> str:
    kind = scope.get("type", "")
    if kind == "ENTITY":
        return "entity"
    if kind == "PROJECT":
        return f"project {scope.get('project')}"
    if kind == "REGISTRY":
        return f"registry {scope.get('registry')}"
    return f"{'project' if scope.get('project') else 'registry'} {scope.get('project') or scope.get('registry')}/" \
           f"{scope.get('collection')}"


def _find(api: Api, entity: str, ref: str) -> Automation:
    try:
        return api.automation(entity, name=ref)
    except NotFound:
        return api.automation(entity, id=ref)


def _read_secret(io: _Io, prompt: str) -> str:
    if io.inp.isatty():
        value = getpass.getpass(prompt)
    else:
        value = io.inp.read()
        if value.endswith("\n"):
            value = value[:-1]
            if value.endswith("\r"):
                value = value[:-1]
    if not value:
        raise CliError("an empty value was given")
    return value


# -- commands -----------------------------------------------------------------------------------------------------

def _login(args: argparse.Namespace, io: _Io) -> int:
    stored = load_file()
    base_url = args.base_url or Settings.resolve().base_url
    if args.api_key_stdin or not io.inp.isatty():
        key = io.inp.readline().strip()
    else:
        key = getpass.getpass("API key: ").strip()
    if not key:
        raise CliError("no API key given")
    api = Api(base_url=base_url, api_key=key)
    args.opened.append(api)
    api.entities()  # checks the key: 401 here means it is not a valid key
    values: Dict[str, Any] = dict(stored, base_url=base_url, api_key=key)
    if args.entity:
        values["entity"] = args.entity
    path = save_file(values)
    io.out.write(f"Logged in to {base_url}; settings stored in {path} (mode 600).\n")
    return 0


def _automations_list(args: argparse.Namespace, io: _Io) -> int:
    api = _api(args)
    return _show(args, io, api.automations(_entity(args, api)), ["name", "enabled", "scope", "event", "action", "id"],
                 lambda a: (a.name, a.enabled, _scope_text(a.scope), a.event.get("type"), a.action.get("type"), a.id))


def _automations_get(args: argparse.Namespace, io: _Io) -> int:
    api = _api(args)
    auto = _find(api, _entity(args, api), args.name)
    _print_json(io, auto.raw)
    return 0


def _load_file(path: str, io: _Io) -> List[Dict[str, Any]]:
    if path == "-":
        text = io.inp.read()
    else:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    try:
        value = json.loads(text)
    except ValueError as e:
        raise CliError(f"{path} is not JSON: {e}") from e
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(i, dict) and i.get("name") for i in items):
        raise CliError(f"{path}: each automation is a JSON object with a name")
    return items


def _automations_apply(args: argparse.Namespace, io: _Io) -> int:
    api = _api(args)
    results = []
    for desired in _load_file(args.file, io):
        entity = desired.get("entity") or _entity(args, api)
        body = {k: v for k, v in desired.items() if k not in ("id", "entity", "createdBy", "createdAt", "updatedAt")}
        existing = api.automations(entity, name=body["name"])
        if existing and same_definition(body, existing[0].raw):
            saved, outcome = existing[0], "unchanged"
        else:
            saved, created = api.apply_automation_status(body, entity=entity)
            outcome = "created" if created else "updated"
        results.append({"name": saved.name, "id": saved.id, "entity": entity, "result": outcome})
    if args.json:
        _print_json(io, results)
    else:
        _table(io, ["name", "result", "id"], [(r["name"], r["result"], r["id"]) for r in results])
    return 0


def _automations_toggle(args: argparse.Namespace, io: _Io) -> int:
    api = _api(args)
    auto = _find(api, _entity(args, api), args.name)
    saved = api.update_automation(auto, enabled=args.verb == "enable")
    return _done(args, io, saved.raw, f"{saved.name}: {'enabled' if saved.enabled else 'disabled'}")


def _automations_delete(args: argparse.Namespace, io: _Io) -> int:
    api = _api(args)
    auto = _find(api, _entity(args, api), args.name)
    api.delete_automation(auto)
    return _done(args, io, {"deleted": auto.id, "name": auto.name}, f"{auto.name}: deleted")


def _executions_list(args: argparse.Namespace, io: _Io) -> int:
    api = _api(args)
    entity = _entity(args, api)
    autos = [_find(api, entity, args.automation)] if args.automation else api.automations(entity)
    found: List[Execution] = []
    names: Dict[str, str] = {}
    for auto in autos:
        names[auto.id] = auto.name
        found.extend(api.executions(auto, status=args.status, limit=args.limit))
    found.sort(key=lambda e: e.created_at or "", reverse=True)
    return _show(args, io, found, ["id", "automation", "status", "event", "created", "attempts", "last status"],
                 lambda e: (e.id, names.get(e.automation_id, e.automation_id), e.status, e.event_type, e.created_at,
                            len(e.attempts), (e.attempts[-1].get("statusCode") if e.attempts else None)))


def _executions_redeliver(args: argparse.Namespace, io: _Io) -> int:
    api = _api(args)
    execution = api.redeliver(args.id)
    return _done(args, io, execution.raw, f"{execution.id}: redelivery requested ({execution.status})")


def _integrations_list(args: argparse.Namespace, io: _Io) -> int:
    api = _api(args)
    return _show(args, io, api.integrations(_entity(args, api)), ["name", "kind", "target", "disabled"],
                 lambda i: (i.name, i.kind, i.raw.get("url") or i.raw.get("channel"), i.disabled))


def _integrations_test(args: argparse.Namespace, io: _Io) -> int:
    api = _api(args)
    entity = _entity(args, api)
    payload = None
    if args.payload:
        try:
            payload = json.loads(args.payload)
        except ValueError as e:
            raise CliError(f"--payload is not JSON: {e}") from e
    result = api.test_integration(api.integration(entity, args.name), payload=payload)
    if args.json:
        _print_json(io, result)
    else:
        _table(io, ["status", "duration ms", "error", "body"],
               [(result.get("statusCode"), result.get("durationMs"), result.get("error"),
                 (result.get("body") or "")[:80])])
    code = result.get("statusCode")
    return 0 if isinstance(code, int) and 200 <= code < 300 else 1


def _secrets_list(args: argparse.Namespace, io: _Io) -> int:
    api = _api(args)
    return _show(args, io, api.secrets(_entity(args, api)), ["name", "version", "updated"],
                 lambda s: (s.name, s.version, s.updated_at))


def _secrets_set(args: argparse.Namespace, io: _Io) -> int:
    api = _api(args)
    entity = _entity(args, api)
    value = _read_secret(io, f"value of {args.name}: ")
    secret = api.set_secret(entity, args.name, value)
    return _done(args, io, secret.raw, f"{secret.name}: version {secret.version}")


def _runs_list(args: argparse.Namespace, io: _Io) -> int:
    api = _api(args)
    entity = _entity(args, api)
    return _show(args, io, api.runs(f"{entity}/{args.project}"), ["id", "name", "state", "user", "created"],
                 lambda r: (r.id, r.name, r.state, r.user, r.created_at))
