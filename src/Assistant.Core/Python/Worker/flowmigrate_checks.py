"""flowmigrate's import check and behaviour check operations (registered into the worker's OPS).

User code only ever runs in a forked child (flowmigrate_sandbox): own process group, stdin /dev/null,
output captured, environment scrubbed of credentials and endpoints, a time limit. Paths in answers are
relative to "root" when inside it. A "standins" entry is {"manifest": path, "side": "new"|"old"}; the
old side always gets the stand-in, the new side gets an installed package whose major version matches.

standin_build {"manifests": [path], "cache_dir"}
  -> {"standins": [{"dir", "family", "version", "packages", "manifest", "generated", "ms"}]}

import_check {"root", "modules": [relpath]?, "files": {relpath: text}?, "standins", "cache_dir",
              "timeout": 30, "strict": false, "source_roots": [relpath]?}
  "files" shadow files on disk; without "modules", every .py of "files" is imported.
  -> {"outcome": "passed"|"failed"|"timed_out"|"crashed"|"exited", "ms", "standin_ms",
      "modules": [{"path", "module", "ok", "error"?}],
      "errors": [{"type", "message", "file", "line", "source_line", "end_line"?, "call_line"?,
                  "exit_code"?, "module_path"?, "traceback": [{"file", "line", "function", "source_line"}]}],
      "warnings": [{"kind": "not_installed"|"not_in_manifest"|"runs_at_import"|"leftover_framework", "module", "file"?, "line"?,
                    "source_line"?}],
      "packages": [{"name", "family", "source": "standin"|"installed", "version", "note"?}],
      "loaded_files": [relpath], "scrubbed": [name], "sys_path": [path], "stdout", "stderr",
      "signal"? (crashed), "exit_code"? (exited), "message"? (not completed)}

declarations {"root", "module": relpath, "files"?, "standins", "cache_dir", "timeout", "graphs": false,
              "stub_leftovers": [top-level package]?, "keep_partial": false}
  "keep_partial" (convert --check, old side): when one of the module's last top-level statements raises (only
  asserts, expressions and a __main__ block follow it; e.g. `assert state.result[task].result == 12` on a flow
  run the stand-ins cannot produce), what it declared before is described and the error is "stopped_at".
  "stub_leftovers" (convert --check, new side): imports of these old-framework packages, left in converted code
  for a TODO, get placeholders (warning "leftover_framework") so the rest of the module can be compared; "pkg.*"
  does the same for submodules of a package the old and new framework share that the stand-in does not have.
  Imports the module with recording stand-ins, then runs only the serve/deploy/to_deployment calls of
  its `if __name__ == "__main__":` block, and describes what it declares (flowmigrate_declarations).
  With "graphs", also records what each flow calls (flowmigrate_graph).
  -> {"outcome", "module", "families", "packages", "warnings", "main_block_skipped": [{"line", "error"}],
      "entities": [{"kind": "task"|"workflow"|"dynamic"|"flow", "name", "variable", "settings": {key: text}}],
      "graphs"?: [{"name", "variable", "family", "kind", "driver": "dag"|"sync"|"async", "parallel",
                   "runs": [{"decisions", "nodes", "error"?}]}] | "graph_error"?: text,
      "loaded_files": [relpath], "error"?: {same shape as an import_check error}, "stopped_at"?: {same shape}}

standin_signatures {"manifest", "cache_dir", "names": ["module:Name" | "module:Class.method"]}
  (flowmigrate's own tests) -> {"signatures": {name: [{"name", "kind", "has_default"}] | {"error"}}}
"""

import ast
import datetime
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

import flowmigrate_code_cache
import flowmigrate_declarations
import flowmigrate_graph
import flowmigrate_sandbox
import flowmigrate_standins

_FRAMEWORKS = {"flyte", "flyteplugins", "flytekit", "flytekitplugins", "prefect", "union", "unionai"}
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
        # a submodule of an old-side framework the manifest does not list still has the classes defined there
        runtime = sys.modules.get("_flowmigrate_rt")
        defined = runtime.defined_at("%s.%s" % (self.__name__, name)) if runtime is not None else None
        return defined if defined is not None else _Placeholder("%s.%s" % (self.__name__, name))


class _PlaceholderBase:
    """What a class deriving from a placeholder derives from: it takes the arguments the real base would."""

    def __init__(self, *args, **kwargs):
        pass


class _Placeholder(datetime.tzinfo):
    """A name of a module that is not installed, or what using it gives. It is also a time zone without an offset, the one
    thing a standard-library call insists on: `datetime(2022, 1, 1, tzinfo=pytz.timezone("America/Sao_Paulo"))` in a Prefect 1
    schedule loads without pytz, as a naive time."""

    def __init__(self, what):
        self._what = what

    def utcoffset(self, dt):
        return None

    def dst(self, dt):
        return None

    def tzname(self, dt):
        return None

    def __call__(self, *args, **kwargs):
        if len(args) == 1 and callable(args[0]) and not kwargs:
            return args[0]  # used as a decorator
        runtime = sys.modules.get("_flowmigrate_rt")
        if runtime is not None and runtime.is_prefect1_placeholder(self._what):
            runtime.bind_arguments(args, kwargs)
        return _Placeholder(self._what + "()")

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return _Placeholder("%s.%s" % (self._what, name))

    def __getitem__(self, item):
        return self

    def __setitem__(self, key, value):
        pass  # configuring a package that is not installed (`fiona.supported_drivers["KML"] = "rw"`)

    def __delitem__(self, key):
        pass

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self  # a flow copied with deepcopy(flow) (Prefect 1 templates) holds placeholders

    def __iter__(self):
        return iter(())

    def __mro_entries__(self, bases):
        return (_PlaceholderBase,)

    def __repr__(self):
        return "<not installed: %s>" % self._what


class _MissingFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Last on sys.meta_path: a third-party module nothing else found is recorded and stubbed."""

    def __init__(self, root, strict, provided, lenient=(), leftovers=()):
        self.root, self.strict, self.provided, self.lenient = root, strict, provided, set(lenient)
        self.leftovers = set(leftovers)
        self.warnings, self.stubbed = [], set()

    def find_spec(self, fullname, path=None, target=None):
        top = fullname.split(".")[0]
        if top in self.stubbed or any(fullname.startswith(s + ".") for s in self.stubbed):
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        if top in self.lenient and "." in fullname:
            # a submodule of an old-side framework that the manifest does not list
            self.warnings.append({"kind": "not_in_manifest", "module": fullname, **_user_frame(self.root)})
            self.stubbed.add(fullname)
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        if (top + ".*") in self.leftovers and "." in fullname and _imported_by_user(self.root):
            # "prefect.*": a submodule the target does not have (Prefect 1's task library, engine.signals, ...) imported by
            # converted code for a TODO: placeholders, recorded, as for a leftover package
            self.warnings.append({"kind": "leftover_framework", "module": fullname, **_user_frame(self.root)})
            self.stubbed.add(fullname)
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        if path is not None or top in self.provided:
            return None
        if top in self.leftovers:
            # the old framework still imported by converted code (a construct left for a TODO): placeholders, so the
            # rest of the module can be compared; recorded, since the module would not import without it
            self.warnings.append({"kind": "leftover_framework", "module": fullname, **_user_frame(self.root)})
            self.stubbed.add(top)
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        if top in _FRAMEWORKS:
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


class _OverlayLoader(importlib.machinery.SourceFileLoader):
    """Loads a module from the text the request carried (a converted file not, or not yet, on disk)."""

    def __init__(self, fullname, path, text):
        super().__init__(fullname, path)
        self._text = text

    def get_data(self, path):
        if path == self.path:
            return self._text.encode("utf-8")
        return super().get_data(path)

    def path_stats(self, path):
        raise OSError("in-memory module: no bytecode cache")


class _OverlayFinder(importlib.abc.MetaPathFinder):
    """First on sys.meta_path: modules whose file the request carried as text."""

    def __init__(self, roots, overlay):
        self.roots, self.overlay = roots, overlay

    def find_spec(self, fullname, path=None, target=None):
        parts = fullname.split(".")
        directories = list(path) if path is not None else self.roots
        for directory in directories:
            module_file = os.path.join(directory, parts[-1] + ".py")
            package_file = os.path.join(directory, parts[-1], "__init__.py")
            for candidate, is_package in ((package_file, True), (module_file, False)):
                text = self.overlay.get(os.path.normpath(candidate))
                if text is None:
                    continue
                loader = _OverlayLoader(fullname, candidate, text)
                locations = [os.path.dirname(candidate)] if is_package else None
                return importlib.util.spec_from_file_location(fullname, candidate, loader=loader,
                                                              submodule_search_locations=locations)
        return None


class _PreloadedFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """In a forked child: the stand-in API modules the worker imported before the fork (see _preload), handed to the
    import system where it would have imported them (so a module that never imports the framework never sees them),
    without running their code again."""

    def __init__(self, modules):
        self.modules = modules

    def find_spec(self, fullname, path=None, target=None):
        module = self.modules.get(fullname)
        if module is None:
            return None
        return importlib.machinery.ModuleSpec(fullname, self, origin=getattr(module, "__file__", None))

    def create_module(self, spec):
        return self.modules[spec.name]

    def exec_module(self, module):
        # The modules before it in the worker's import order are what it imported when it ran (the API imports the
        # runtime): they enter sys.modules with it, as they did then.
        for name in self.modules:
            if name == module.__name__:
                break
            importlib.import_module(name)


def _load_overlay(root, files):
    """{relpath: text} -> {absolute normalized path: text}, seeded into linecache for tracebacks."""
    overlay = {}
    for relpath, text in (files or {}).items():
        path = os.path.normpath(os.path.join(root, relpath))
        overlay[path] = text
        lines = text.splitlines(True)
        linecache.cache[path] = (len(text), None, lines, path)
    return overlay


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
        frame = {"file": summary.filename, "line": summary.lineno, "function": summary.name,
                 "source_line": (summary.line or "").strip()}
        end = getattr(summary, "end_lineno", None)
        if end and summary.lineno and end > summary.lineno:
            frame["end_line"] = end
        frames.append(frame)
    result = {"type": type(error).__name__, "message": _message(error), "traceback": frames}
    if isinstance(error, SyntaxError) and error.filename:
        result.update(file=error.filename, line=error.lineno, source_line=(error.text or "").strip(),
                      column=error.offset, message=error.msg)
    else:
        for frame in reversed(frames):
            if frame["file"].startswith(prefix) and not any(frame["file"].startswith(d) for d in standin_dirs):
                result.update(file=frame["file"], line=frame["line"], source_line=frame["source_line"])
                if "end_line" in frame:
                    result["end_line"] = frame["end_line"]
                    _point_at_keyword(result, error)
                break
    if isinstance(error, SystemExit):
        result["exit_code"] = error.code if isinstance(error.code, int) else (0 if error.code is None else 1)
    if result.get("file", "").startswith(prefix):
        result["file"] = os.path.relpath(result["file"], root)
    for frame in frames:
        if frame["file"].startswith(prefix):
            frame["file"] = os.path.relpath(frame["file"], root)
    return result


_KEYWORD = re.compile(r"keyword argument '(\w+)'")


def _point_at_keyword(result, error):
    """A call spanning lines: an unknown or repeated keyword is reported on the line that passes it."""
    match = _KEYWORD.search(str(error)) if isinstance(error, TypeError) else None
    if not match:
        return
    pattern = re.compile(r"(?<![\w.])%s\s*=(?!=)" % re.escape(match.group(1)))
    for number in range(result["line"], result["end_line"] + 1):
        text = linecache.getline(result["file"], number)
        if pattern.search(text):
            result["call_line"] = result["line"]
            result["line"], result["source_line"] = number, text.strip()
            return


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
    packages, standin_dirs, provided, families, lenient = [], [], set(), [], set()
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
        if spec.get("side") == "old":
            lenient.update(info["packages"])
    # Stand-ins first: only the framework's own top-level names live there, and a copy of another major
    # version (vendored under a source root or in site-packages) must not shadow them.
    sys.path[:] = [d.rstrip(os.sep) for d in standin_dirs] + roots + base_path
    importlib.invalidate_caches()
    # With one stand-in directory its API comes from the worker (imported once, before the fork). With more, the first
    # directory's runtime serves them all, as the path says: they are imported here then.
    preloaded = _PRELOADED.get(standin_dirs[0].rstrip(os.sep)) if len(standin_dirs) == 1 else None
    if preloaded:
        sys.meta_path.insert(0, _PreloadedFinder(preloaded))
    if request.get("cache_dir"):
        flowmigrate_code_cache.install(request["cache_dir"])
    leftovers = [name for name in request.get("stub_leftovers") or () if name not in provided]
    finder = _MissingFinder(root, bool(request.get("strict")), provided, lenient, leftovers)
    sys.meta_path.append(finder)
    global _OVERLAY_TEXT
    overlay = _OVERLAY_TEXT = _load_overlay(root, request.get("files"))
    if overlay:
        sys.meta_path.insert(0, _OverlayFinder(roots, overlay))
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


_OVERLAY_TEXT = None


def _import(root, roots, relpath):
    name, path = module_name(root, roots, relpath)
    if name is not None:
        return importlib.import_module(name)
    text = (_OVERLAY_TEXT or {}).get(path)
    loader = _OverlayLoader("flowmigrate_checked_module", path, text) if text is not None else None
    spec = importlib.util.spec_from_file_location("flowmigrate_checked_module", path, loader=loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _missing_warnings(warnings, root=None):
    runtime = sys.modules.get("_flowmigrate_rt")
    for module, name in getattr(runtime, "MISSING", ()):
        warnings.append({"kind": "not_in_manifest", "module": "%s.%s" % (module, name)})
    for call in getattr(runtime, "AT_IMPORT", ()):
        filename = call["file"]
        entry = {"kind": "runs_at_import", "module": call["callee"], "line": call["line"],
                 "source_line": linecache.getline(filename, call["line"]).strip()}
        if root and filename.startswith(root.rstrip(os.sep) + os.sep):
            filename = os.path.relpath(filename, root)
        entry["file"] = filename
        warnings.append(entry)


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
        for relpath in request.get("modules") or sorted(p for p in (request.get("files") or {}) if p.endswith(".py")):
            entry = {"path": relpath, "module": module_name(root, roots, relpath)[0]}
            try:
                _import(root, roots, relpath)
                entry["ok"] = True
            except BaseException as error:  # SystemExit, KeyboardInterrupt and all user errors are results
                entry["ok"] = False
                entry["error"] = _error(error, root, standin_dirs)
                entry["error"]["module_path"] = relpath
                if not any((e["type"], e["message"], e.get("file"), e.get("line")) ==
                           (entry["error"]["type"], entry["error"]["message"], entry["error"].get("file"), entry["error"].get("line"))
                           for e in errors):
                    errors.append(entry["error"])
            modules.append(entry)
        _missing_warnings(finder.warnings, root)
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


# stand-in directory -> {module name: module}: its runtime and API, imported by the worker (see _preload)
_PRELOADED = {}


def _preload(info):
    """Imports a stand-in directory's runtime and API module (generated code that only defines classes and placeholders:
    about 10-20 ms, the larger part of a checked child's own work) once in the worker, and keeps them out of the worker's
    sys.modules: every forked child then finds them made (_PreloadedFinder). A directory whose API fails to import is left
    to the children, which meet the error themselves."""
    directory = info["dir"].rstrip(os.sep)
    if directory in _PRELOADED:
        return
    names = ("_flowmigrate_rt", "_fm_api_%s" % info["family"])  # in import order: the API imports the runtime
    saved_path = sys.path[:]
    saved = {name: sys.modules.pop(name) for name in names if name in sys.modules}
    modules = {}
    try:
        sys.path[:] = [directory] + saved_path
        importlib.invalidate_caches()
        importlib.import_module(names[1])
        modules = {name: sys.modules[name] for name in names}
    except Exception:
        modules = {}
    finally:
        for name in names:
            sys.modules.pop(name, None)
        sys.modules.update(saved)
        sys.path[:] = saved_path
        importlib.invalidate_caches()
    _PRELOADED[directory] = modules


def _source_line(request, filename, line):
    root = os.path.abspath(request["root"])
    for relpath, text in (request.get("files") or {}).items():
        if os.path.normpath(os.path.join(root, relpath)) == os.path.normpath(filename):
            lines = text.splitlines()
            return lines[line - 1].strip() if 0 < line <= len(lines) else ""
    return linecache.getline(filename, line).strip()


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
                         line=location["line"], source_line=_source_line(request, filename, location["line"]))
        if "exit_code" in answer:
            error["exit_code"] = answer["exit_code"]
        answer["errors"] = [error]
    return answer


def op_import_check(request):
    standin_ms = _with_standins(request)
    timeout = float(request.get("timeout", 30))
    answer = _isolated("import_check", request, timeout)
    answer = _finish(answer, request)
    if answer["outcome"] == "completed":
        answer["outcome"] = "failed" if answer.get("errors") else "passed"
    answer["standin_ms"] = standin_ms
    return answer


# --- behaviour: declarations ----------------------------------------------------------------

_DEPLOY_CALLS = {"serve", "deploy", "to_deployment"}


def _module_tree(path, text=None):
    """The checked module's syntax tree (read from `path` unless `text` is given); None when it cannot be read or parsed."""
    try:
        if text is None:
            with open(path, "rb") as handle:
                text = handle.read()
        return ast.parse(text, filename=path)
    except (OSError, SyntaxError, ValueError):
        return None


def _is_main_guard(node):
    """`if __name__ == ...:` at the top of a module."""
    return isinstance(node, ast.If) and isinstance(node.test, ast.Compare) \
        and isinstance(node.test.left, ast.Name) and node.test.left.id == "__name__"


def _main_block_statements(path, text=None):
    """Statements under `if __name__ == "__main__":` that declare deployments (serve/deploy/to_deployment)."""
    tree = _module_tree(path, text)
    if tree is None:
        return []
    found = []
    for node in tree.body:
        if not _is_main_guard(node):
            continue
        for statement in ast.walk(node):
            if isinstance(statement, (ast.Expr, ast.Assign)) and any(
                    isinstance(call, ast.Call) and isinstance(call.func, (ast.Attribute, ast.Name))
                    and (getattr(call.func, "attr", None) or getattr(call.func, "id", None)) in _DEPLOY_CALLS
                    for call in ast.walk(statement)):
                found.append(statement)
    return found


# Statements that only use what the module declared: after the last declaring one, a failure leaves the declarations whole.
_TRAILING = (ast.Expr, ast.Assert, ast.Pass)


def _declared_before(error, path, text=None):
    """The checked module's namespace when `error` came from one of its last top-level statements (typically code
    that checks a flow run's result, which the stand-ins cannot produce) and only asserts, expressions and an
    `if __name__ == "__main__":` block follow it; None otherwise (the failure may hide declarations)."""
    if isinstance(error, (SyntaxError, ImportError, SystemExit, KeyboardInterrupt)):
        return None
    namespace, line = None, None
    tb = error.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_name == "<module>" and os.path.normpath(code.co_filename) == path:
            namespace, line = tb.tb_frame.f_globals, tb.tb_lineno
        tb = tb.tb_next
    if namespace is None:
        return None
    tree = _module_tree(path, text)
    if tree is None:
        return None
    failing = [i for i, node in enumerate(tree.body) if node.lineno <= line <= (node.end_lineno or node.lineno)]
    if not failing:
        return None
    for node in tree.body[failing[0] + 1:]:
        if not (_is_main_guard(node) or isinstance(node, _TRAILING)):
            return None
    module = types.ModuleType(namespace.get("__name__", "flowmigrate_checked_module"))
    module.__dict__.update(namespace)
    return module


def _declarations_job(request):
    def job():
        root, roots, standin_dirs, finder, packages, families, scrubbed = _prepare(request)
        answer = {"packages": packages, "families": families, "warnings": finder.warnings, "entities": []}
        tracer = None
        if request.get("graphs"):
            import _flowmigrate_rt
            tracer = _flowmigrate_rt.TRACER = flowmigrate_graph.Tracer(_flowmigrate_rt, root, standin_dirs)
        path = os.path.normpath(os.path.join(root, request["module"]))
        try:
            module = _import(root, roots, request["module"])
        except BaseException as error:
            module = _declared_before(error, path, (_OVERLAY_TEXT or {}).get(path)) if request.get("keep_partial") else None
            if module is None:
                answer["error"] = _error(error, root, standin_dirs)
                return answer
            answer["stopped_at"] = _error(error, root, standin_dirs)
        skipped = []
        for statement in _main_block_statements(path, (_OVERLAY_TEXT or {}).get(path)):
            try:
                code = compile(ast.Module(body=[statement], type_ignores=[]), module.__file__ or "<main>", "exec")
                exec(code, vars(module))
            except BaseException as error:
                skipped.append({"line": statement.lineno, "error": "%s: %s" % (type(error).__name__, error)})
        answer["main_block_skipped"] = skipped
        _missing_warnings(answer["warnings"], root)
        answer["module"] = module.__name__
        answer["entities"] = flowmigrate_declarations.describe(module, families)
        if tracer is not None:
            try:
                answer["graphs"] = flowmigrate_graph.graphs(module, families, tracer, flowmigrate_declarations._runner)
            except Exception as error:  # the declarations stand; the graph check reports it could not run
                answer["graph_error"] = "%s: %s" % (type(error).__name__, error)
        answer["loaded_files"] = _loaded_files(root, standin_dirs)
        return answer
    return job


def op_declarations(request):
    _with_standins(request)
    answer = _isolated("declarations", request, float(request.get("timeout", 30)))
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
        if name == flowmigrate_standins.LENIENT_KEYWORDS:
            continue  # the old side's catch-all for keywords of other releases: not part of the manifest's signature
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


_JOBS = {"import_check": lambda request: _import_job(request), "declarations": lambda request: _declarations_job(request)}


def _isolated(op, request, timeout):
    """A forked child of the warm worker, or a fresh interpreter where fork is unavailable (or "isolation": "spawn")."""
    if request.get("isolation") == "spawn" or not hasattr(os, "fork"):
        answer = flowmigrate_sandbox.run_spawned(os.path.abspath(__file__), op, request, timeout)
        answer["isolation"] = "spawn"
        return answer
    for spec in request.get("standins", []):
        _preload(spec["info"])
    answer = flowmigrate_sandbox.run(_JOBS[op](request), timeout)
    answer["isolation"] = "fork"
    return answer


OPS = {
    "standin_signatures": op_standin_signatures,
    "standin_build": op_standin_build,
    "import_check": op_import_check,
    "declarations": op_declarations,
}


if __name__ == "__main__" and len(sys.argv) > 1 and sys.argv[1] == "--child":
    flowmigrate_sandbox.child_main(sys.argv[1:], _JOBS)
