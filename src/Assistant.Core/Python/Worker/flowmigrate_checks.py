"""flowmigrate's import check and behaviour check operations (registered into the worker's OPS).

  standin_build  {"manifests": [path], "cache_dir"}                       -> {"standins": [...]}
  import_check   {"root", "modules": [relpath], "standins": [{"manifest", "side"}], "cache_dir",
                  "timeout": 30, "strict": false, "source_roots": [relpath]?} -> outcome, errors, warnings, ...
  declarations   {"root", "module": relpath, "standins": [...], "cache_dir", "timeout"}
                                                                            -> outcome, entities, error?

User code only ever runs in a forked child (flowmigrate_sandbox); see README of the protocol in
flowmigrate_worker.py.
"""

import ast
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import linecache
import os
import re
import sys
import traceback
import types

import flowmigrate_declarations
import flowmigrate_sandbox
import flowmigrate_standins

_FRAMEWORKS = {"flyte", "flyteplugins", "flytekit", "flytekitplugins", "prefect", "union", "unionai"}
_FRAMEWORK_PREFIXES = ("prefect_", "flytekitplugins", "flyteplugins")
_MAJORS = {"flyte": (2, "flyte"), "prefect2": (2, "prefect"), "prefect3": (3, "prefect")}
_HERE = os.path.dirname(os.path.abspath(__file__))


def op_standin_build(request):
    cache_dir = request["cache_dir"]
    return {"standins": [flowmigrate_standins.ensure(path, cache_dir) for path in request.get("manifests", [])]}


# --- paths and module names -----------------------------------------------------------------

def source_roots(root, declared=None):
    """The worktree root, src/ and the package directories pyproject.toml declares (absolute, existing)."""
    roots = [root]
    candidates = list(declared or [])
    if os.path.isdir(os.path.join(root, "src")):
        candidates.append("src")
    candidates.extend(_pyproject_roots(os.path.join(root, "pyproject.toml")))
    for candidate in candidates:
        path = os.path.normpath(os.path.join(root, candidate))
        if os.path.isdir(path) and path not in roots:
            roots.append(path)
    return roots


def _pyproject_roots(path):
    if not os.path.exists(path):
        return []
    try:
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8", errors="replace")
    except OSError:
        return []
    found = []
    try:
        import tomllib
        data = tomllib.loads(text)
        tool = data.get("tool", {})
        setuptools = tool.get("setuptools", {})
        package_dir = setuptools.get("package-dir", {})
        if isinstance(package_dir, dict) and package_dir.get(""):
            found.append(package_dir[""])
        find = setuptools.get("packages", {})
        if isinstance(find, dict):
            found.extend(find.get("find", {}).get("where", []) or [])
        for package in tool.get("poetry", {}).get("packages", []) or []:
            if isinstance(package, dict) and package.get("from"):
                found.append(package["from"])
        wheel = tool.get("hatch", {}).get("build", {}).get("targets", {}).get("wheel", {})
        for package in wheel.get("packages", []) or []:
            parent = os.path.dirname(str(package).rstrip("/"))
            if parent:
                found.append(parent)
    except Exception:  # tomllib missing (< 3.11) or an invalid file: a plain scan
        found.extend(re.findall(r'(?:where\s*=\s*\[\s*"|from\s*=\s*")([^"]+)"', text))
    return [f for f in found if isinstance(f, str)]


def module_name(root, roots, relpath):
    path = os.path.normpath(os.path.join(root, relpath))
    best = None
    for candidate in roots:
        prefix = candidate.rstrip(os.sep) + os.sep
        if path.startswith(prefix) and (best is None or len(candidate) > len(best)):
            best = candidate
    rel = os.path.relpath(path, best or root)
    parts = rel[:-3].split(os.sep) if rel.endswith(".py") else rel.split(os.sep)
    if parts and parts[-1] == "__init__":
        parts = parts[:-1]
    if parts and all(p.isidentifier() for p in parts):
        return ".".join(parts), path
    return None, path


# --- the child side -------------------------------------------------------------------------

class _Missing(types.ModuleType):
    """A module that is not installed (non-strict mode): every attribute is a permissive placeholder."""

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return _Placeholder("%s.%s" % (self.__name__, name))


class _Placeholder:
    def __init__(self, what):
        self._what = what

    def __call__(self, *args, **kwargs):
        if len(args) == 1 and callable(args[0]) and not kwargs:
            return args[0]  # used as a decorator
        return _Placeholder(self._what + "()")

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return _Placeholder("%s.%s" % (self._what, name))

    def __getitem__(self, item):
        return self

    def __iter__(self):
        return iter(())

    def __mro_entries__(self, bases):
        return (object,)

    def __repr__(self):
        return "<not installed: %s>" % self._what


class _MissingFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Last on sys.meta_path: a third-party module nothing else found is recorded and stubbed."""

    def __init__(self, root, strict, provided):
        self.root, self.strict, self.provided = root, strict, provided
        self.warnings, self.stubbed = [], set()

    def find_spec(self, fullname, path=None, target=None):
        top = fullname.split(".")[0]
        if top in self.stubbed:
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        if path is not None or top in self.provided:
            return None
        if top in _FRAMEWORKS or top.startswith(_FRAMEWORK_PREFIXES):
            return None  # the framework itself must really be there: ModuleNotFoundError
        if top in getattr(sys, "stdlib_module_names", ()):
            return None
        if not _imported_by_user(self.root):
            return None  # an optional import inside the standard library or an installed package
        where = _user_frame(self.root)
        self.warnings.append({"kind": "not_installed", "module": fullname, **where})
        if self.strict:
            return None
        self.stubbed.add(top)
        return importlib.machinery.ModuleSpec(fullname, self, is_package=True)

    def create_module(self, spec):
        module = _Missing(spec.name)
        module.__path__ = []
        return module

    def exec_module(self, module):
        pass


def _imported_by_user(root):
    """Whether the import statement being executed is in the user's tree (not in an installed module)."""
    frame = sys._getframe(2)
    while frame is not None:
        filename = frame.f_code.co_filename
        if not (filename.startswith("<frozen") or os.path.dirname(filename) == _HERE or filename == importlib.__file__):
            return filename.startswith(root.rstrip(os.sep) + os.sep)
        frame = frame.f_back
    return False


def _user_frame(root):
    frame = sys._getframe(1)
    prefix = root.rstrip(os.sep) + os.sep
    while frame is not None:
        filename = frame.f_code.co_filename
        if filename.startswith(prefix):
            return {"file": os.path.relpath(filename, root), "line": frame.f_lineno,
                    "source_line": linecache.getline(filename, frame.f_lineno).strip()}
        frame = frame.f_back
    return {}


def _error(error, root, standin_dirs):
    """An exception -> {type, message, file, line, source_line, traceback}; the location is the
    innermost frame in the user's tree (never inside a stand-in)."""
    prefix = root.rstrip(os.sep) + os.sep
    frames = []
    for summary in traceback.extract_tb(error.__traceback__):
        if summary.filename.startswith("<frozen") or os.path.dirname(summary.filename) == _HERE \
                or summary.filename == importlib.__file__:
            continue
        frames.append({"file": summary.filename, "line": summary.lineno, "function": summary.name,
                       "source_line": (summary.line or "").strip()})
    result = {"type": type(error).__name__, "message": _message(error), "traceback": frames}
    if isinstance(error, SyntaxError) and error.filename:
        result.update(file=error.filename, line=error.lineno, source_line=(error.text or "").strip(),
                      column=error.offset, message=error.msg)
    else:
        for frame in reversed(frames):
            if frame["file"].startswith(prefix) and not any(frame["file"].startswith(d) for d in standin_dirs):
                result.update(file=frame["file"], line=frame["line"], source_line=frame["source_line"])
                break
    if isinstance(error, SystemExit):
        result["exit_code"] = error.code if isinstance(error.code, int) else (0 if error.code is None else 1)
    if result.get("file", "").startswith(prefix):
        result["file"] = os.path.relpath(result["file"], root)
    for frame in frames:
        if frame["file"].startswith(prefix):
            frame["file"] = os.path.relpath(frame["file"], root)
    return result


def _message(error):
    if isinstance(error, SystemExit):
        return "sys.exit(%r) was called while importing" % (error.code,)
    if isinstance(error, KeyboardInterrupt):
        return "KeyboardInterrupt"
    return str(error)


def _prepare(request):
    """In the child: environment, cwd, sys.path, stand-ins, the missing-module finder."""
    root = os.path.abspath(request["root"])
    scrubbed = flowmigrate_sandbox.scrub_environment(os.environ)
    os.chdir(root)
    roots = source_roots(root, request.get("source_roots"))
    packages, standin_dirs, provided, families = [], [], set(), []
    base_path = [p for p in sys.path if p and os.path.abspath(p) != _HERE]
    for spec in request.get("standins", []):
        info = spec["info"]
        family = info["family"]
        families.append(family)
        real = None
        if spec.get("side", "new") == "new" and family in _MAJORS:
            real = _installed(family, base_path, roots)
        if real is not None and real.get("matches"):
            packages.append({"name": real["name"], "family": family, "source": "installed", "version": real["version"]})
            continue
        entry = {"name": "/".join(info["packages"]), "family": family, "source": "standin", "version": info["version"]}
        if real is not None:
            entry["note"] = "installed %s %s does not match the target major version" % (real["name"], real["version"])
        packages.append(entry)
        standin_dirs.append(info["dir"].rstrip(os.sep) + os.sep)
        provided.update(info["packages"])
    # Stand-ins first: only the framework's own top-level names live there, and a copy of another major
    # version (vendored under a source root or in site-packages) must not shadow them.
    sys.path[:] = [d.rstrip(os.sep) for d in standin_dirs] + roots + base_path
    importlib.invalidate_caches()
    finder = _MissingFinder(root, bool(request.get("strict")), provided)
    sys.meta_path.append(finder)
    sys.argv = [request.get("module") or "flowmigrate-check"]
    return root, roots, standin_dirs, finder, packages, families, scrubbed


def _installed(family, base_path, roots):
    major, name = _MAJORS[family]
    for directory in roots + base_path:
        if os.path.exists(os.path.join(directory, name, "__init__.py")):
            version = _distribution_version(name, [directory])
            return {"name": name, "version": version, "matches": bool(version) and version.split(".")[0] == str(major)}
    return None


def _distribution_version(name, path):
    try:
        from importlib import metadata
        for distribution in metadata.distributions(path=path):
            if (distribution.metadata.get("Name") or "").lower() == name:
                return distribution.version
    except Exception:
        pass
    return None


def _import(root, roots, relpath):
    name, path = module_name(root, roots, relpath)
    if name is not None:
        return importlib.import_module(name)
    spec = importlib.util.spec_from_file_location("flowmigrate_checked_module", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _loaded_files(root, standin_dirs):
    prefix = root.rstrip(os.sep) + os.sep
    files = set()
    for module in list(sys.modules.values()):
        filename = getattr(module, "__file__", None)
        if filename and filename.startswith(prefix) and not any(filename.startswith(d) for d in standin_dirs):
            files.add(os.path.relpath(filename, root))
    return sorted(files)


def _import_job(request):
    def job():
        root, roots, standin_dirs, finder, packages, families, scrubbed = _prepare(request)
        modules, errors = [], []
        for relpath in request.get("modules", []):
            entry = {"path": relpath, "module": module_name(root, roots, relpath)[0]}
            try:
                _import(root, roots, relpath)
                entry["ok"] = True
            except BaseException as error:  # SystemExit, KeyboardInterrupt and all user errors are results
                entry["ok"] = False
                entry["error"] = _error(error, root, standin_dirs)
                entry["error"]["module_path"] = relpath
                errors.append(entry["error"])
            modules.append(entry)
        return {"modules": modules, "errors": errors, "warnings": finder.warnings, "packages": packages,
                "families": families, "scrubbed": scrubbed, "sys_path": sys.path[:len(roots) + len(standin_dirs)],
                "loaded_files": _loaded_files(root, standin_dirs)}
    return job


def _with_standins(request):
    cache_dir = request["cache_dir"]
    ms = 0
    for spec in request.get("standins", []):
        spec["info"] = flowmigrate_standins.ensure(spec["manifest"], cache_dir)
        ms += spec["info"]["ms"]
    return ms


def _finish(answer, request):
    result = answer.pop("result", None) or {}
    answer.update(result)
    if answer["outcome"] != "completed":
        root = os.path.abspath(request["root"])
        frames = answer.pop("frames", None) or []
        prefix = root + os.sep
        location = next((f for f in frames if f["file"].startswith(prefix)), frames[0] if frames else {})
        error = {"type": {"timed_out": "TimeoutError", "crashed": "Crash", "exited": "SystemExit"}[answer["outcome"]],
                 "message": answer.get("message", "")}
        if location:
            filename = location["file"]
            error.update(file=os.path.relpath(filename, root) if filename.startswith(root + os.sep) else filename,
                         line=location["line"], source_line=linecache.getline(filename, location["line"]).strip())
        if "exit_code" in answer:
            error["exit_code"] = answer["exit_code"]
        answer["errors"] = [error]
    return answer


def op_import_check(request):
    standin_ms = _with_standins(request)
    timeout = float(request.get("timeout", 30))
    answer = flowmigrate_sandbox.run(_import_job(request), timeout)
    answer = _finish(answer, request)
    if answer["outcome"] == "completed":
        answer["outcome"] = "failed" if answer.get("errors") else "passed"
    answer["standin_ms"] = standin_ms
    return answer


# --- behaviour: declarations ----------------------------------------------------------------

_DEPLOY_CALLS = {"serve", "deploy", "to_deployment"}


def _main_block_statements(path):
    """Statements under `if __name__ == "__main__":` that declare deployments (serve/deploy/to_deployment)."""
    try:
        with open(path, "rb") as handle:
            tree = ast.parse(handle.read(), filename=path)
    except (OSError, SyntaxError, ValueError):
        return []
    found = []
    for node in tree.body:
        if not (isinstance(node, ast.If) and isinstance(node.test, ast.Compare)
                and isinstance(node.test.left, ast.Name) and node.test.left.id == "__name__"):
            continue
        for statement in ast.walk(node):
            if isinstance(statement, (ast.Expr, ast.Assign)) and any(
                    isinstance(call, ast.Call) and isinstance(call.func, (ast.Attribute, ast.Name))
                    and (getattr(call.func, "attr", None) or getattr(call.func, "id", None)) in _DEPLOY_CALLS
                    for call in ast.walk(statement)):
                found.append(statement)
    return found


def _declarations_job(request):
    def job():
        root, roots, standin_dirs, finder, packages, families, scrubbed = _prepare(request)
        answer = {"packages": packages, "families": families, "warnings": finder.warnings, "entities": []}
        try:
            module = _import(root, roots, request["module"])
        except BaseException as error:
            answer["error"] = _error(error, root, standin_dirs)
            return answer
        skipped = []
        for statement in _main_block_statements(os.path.join(root, request["module"])):
            try:
                code = compile(ast.Module(body=[statement], type_ignores=[]), module.__file__ or "<main>", "exec")
                exec(code, vars(module))
            except BaseException as error:
                skipped.append({"line": statement.lineno, "error": "%s: %s" % (type(error).__name__, error)})
        answer["main_block_skipped"] = skipped
        answer["module"] = module.__name__
        answer["entities"] = flowmigrate_declarations.describe(module, families)
        return answer
    return job


def op_declarations(request):
    _with_standins(request)
    answer = flowmigrate_sandbox.run(_declarations_job(request), float(request.get("timeout", 30)))
    answer = _finish(answer, request)
    if answer["outcome"] == "completed":
        answer["outcome"] = "failed" if answer.get("error") else "passed"
    elif answer.get("errors"):
        answer["error"] = answer["errors"][0]
    return answer


# --- stand-in signatures (for flowmigrate's own tests: the generated API equals the manifest) ---

_KINDS = {"POSITIONAL_ONLY": "positional_only", "POSITIONAL_OR_KEYWORD": "positional_or_keyword",
          "VAR_POSITIONAL": "var_positional", "KEYWORD_ONLY": "keyword_only", "VAR_KEYWORD": "var_keyword"}


def _signature_of(target, drop_first):
    import inspect
    parameters = list(inspect.signature(target).parameters.values())
    if drop_first and parameters:
        parameters = parameters[1:]
    out = []
    for parameter in parameters:
        name = parameter.name
        for prefix in ("_fm_star_", "_fm_kw_"):
            if name.startswith(prefix):
                name = name[len(prefix):]
        out.append({"name": name, "kind": _KINDS[parameter.kind.name],
                    "has_default": parameter.default is not inspect.Parameter.empty})
    return out


def op_standin_signatures(request):
    """{"manifest", "cache_dir", "names": ["module:Export" | "module:Class.method"]} -> {"signatures": {name: [...]}}"""
    info = flowmigrate_standins.ensure(request["manifest"], request["cache_dir"])

    def job():
        import inspect
        sys.path[:] = [info["dir"]] + [p for p in sys.path if p and os.path.abspath(p) != _HERE]
        importlib.invalidate_caches()
        out = {}
        for key in request.get("names", []):
            module_name, _, dotted = key.partition(":")
            try:
                target = importlib.import_module(module_name)
                parts = dotted.split(".")
                owner = None
                for part in parts:
                    owner, target = target, inspect.getattr_static(target, part) if isinstance(target, type) else getattr(target, part)
                if isinstance(target, type):
                    out[key] = _signature_of(target.__init__, True)
                elif isinstance(target, (staticmethod, classmethod)):
                    out[key] = _signature_of(target.__func__, isinstance(target, classmethod))
                elif isinstance(owner, type):
                    out[key] = _signature_of(target, True)
                elif callable(target) and not inspect.isfunction(target) and not inspect.ismethod(target):
                    out[key] = _signature_of(type(target).__call__, True)
                else:
                    out[key] = _signature_of(target, False)
            except Exception as error:
                out[key] = {"error": "%s: %s" % (type(error).__name__, error)}
        return {"signatures": out}

    answer = flowmigrate_sandbox.run(job, float(request.get("timeout", 30)))
    return answer.get("result") or {"error": answer.get("message"), "stderr": answer.get("stderr")}


OPS = {
    "standin_signatures": op_standin_signatures,
    "standin_build": op_standin_build,
    "import_check": op_import_check,
    "declarations": op_declarations,
}
