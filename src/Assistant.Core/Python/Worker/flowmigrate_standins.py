"""Generates importable stand-in packages from flowmigrate's API manifests (standard library only).

A manifest lists every public module of a framework with its classes, functions and constants and
their real signatures. The generated tree defines each of them as real Python code with that exact
signature (so a wrong call fails with CPython's own message, e.g. "Resources.__init__() got an
unexpected keyword argument 'mem'"); bodies call the recording runtime (_flowmigrate_rt).

Trees are cached under <cache>/<family>-<hash>/, the hash covering the manifest bytes, the runtime
and this generator, and are written to a temporary directory first, then renamed into place.
"""

import ast
import compileall
import hashlib
import json
import keyword
import os
import re
import shutil
import tempfile
import time

GENERATOR_VERSION = "8"
_HERE = os.path.dirname(os.path.abspath(__file__))
_RUNTIME = os.path.join(_HERE, "flowmigrate_standin_runtime.py")
_LENIENT = ("flytekit", "prefect1")
# The parameter an old-side signature gets when the manifest's has no **kwargs (see _Writer.signature).
LENIENT_KEYWORDS = "_fm_kw_fm_unknown"
_KIND_ORDER = {"positional_only": 0, "positional_or_keyword": 1, "var_positional": 2, "keyword_only": 3, "var_keyword": 4}
_VERSION = re.compile(r"(\d+)\.(\d+)(?:\.(\d+))?")


def family_of(manifest, path=""):
    if "prefect_major" in manifest:
        return "prefect%d" % manifest["prefect_major"]
    modules = manifest.get("modules", {})
    if "flytekit" in modules:
        return "flytekit"
    if "flyte" in modules:
        return "flyte"
    return re.sub(r"\W", "_", os.path.splitext(os.path.basename(path))[0]) or "api"


def version_of(manifest):
    source = manifest.get("source", {})
    for key in ("describe", "ref"):
        match = _VERSION.search(str(source.get(key) or ""))
        if match:
            return "%s.%s.%s" % (match.group(1), match.group(2), match.group(3) or "0")
    if "prefect_major" in manifest:
        return "%d.0.0" % manifest["prefect_major"]
    return "0.0.0"


def top_packages(manifest):
    return sorted({name.split(".")[0] for name in manifest.get("modules", {})})


_KNOWN = {}  # (manifest path, size, mtime, cache dir) -> info, for this worker process


def ensure(manifest_path, cache_dir):
    """The stand-in tree for a manifest: {dir, family, version, packages, generated, ms}."""
    started = time.monotonic()
    manifest_path = os.path.abspath(manifest_path)
    stat = os.stat(manifest_path)
    memo = (manifest_path, stat.st_size, stat.st_mtime_ns, os.path.abspath(cache_dir))
    known = _KNOWN.get(memo)
    if known is not None and os.path.exists(os.path.join(known["dir"], ".complete")):
        return dict(known, generated=False, ms=int((time.monotonic() - started) * 1000))
    with open(manifest_path, "rb") as handle:
        raw = handle.read()
    digest = hashlib.sha256()
    digest.update(raw)
    with open(_RUNTIME, "rb") as handle:
        runtime = handle.read()
    digest.update(runtime)
    digest.update(GENERATOR_VERSION.encode())
    with open(os.path.abspath(__file__), "rb") as handle:
        digest.update(handle.read())
    target = os.path.join(cache_dir, digest.hexdigest()[:24])
    marker = os.path.join(target, ".complete")
    if os.path.exists(marker):
        try:
            with open(marker, encoding="utf-8") as handle:
                info = json.load(handle)
            info["dir"] = target
            _KNOWN[memo] = info
            return dict(info, generated=False, ms=int((time.monotonic() - started) * 1000))
        except (OSError, ValueError):
            pass  # an older marker: regenerate below
    manifest = json.loads(raw.decode("utf-8"))
    family = family_of(manifest, manifest_path)
    info = {"dir": target, "family": family, "version": version_of(manifest), "packages": top_packages(manifest),
            "manifest": manifest_path}
    os.makedirs(cache_dir, exist_ok=True)
    temporary = tempfile.mkdtemp(prefix=".standin-", dir=cache_dir)
    try:
        _write_tree(manifest, family, temporary, runtime)
        compileall.compile_dir(temporary, quiet=2, workers=1)
        with open(os.path.join(temporary, ".complete"), "w", encoding="utf-8") as handle:
            json.dump(info, handle)
        if os.path.exists(target) and not os.path.exists(marker):
            shutil.rmtree(target, ignore_errors=True)  # an interrupted or outdated tree
        try:
            os.rename(temporary, target)
        except OSError:
            if not os.path.exists(marker):
                raise
    finally:
        if os.path.exists(temporary):
            shutil.rmtree(temporary, ignore_errors=True)
    _KNOWN[memo] = dict(info)
    info.update(generated=True, ms=int((time.monotonic() - started) * 1000))
    return info


# --- generation -----------------------------------------------------------------------------

class _Writer:
    def __init__(self, family, version):
        self.family = family
        self.version = version
        self.lines = []
        self.defaults = []
        self.entities = {}      # identity -> generated alias
        self.class_names = {}   # simple class name -> alias (for bases)

    def default(self, text):
        literal, value = False, None
        if text is not None:
            try:
                value = ast.literal_eval(text)
                literal = isinstance(value, (str, int, float, bool, bytes, tuple, type(None), frozenset))
            except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
                pass
        self.defaults.append((text, value, literal))
        return "_D[%d]" % (len(self.defaults) - 1)

    def signature(self, params, first=None):
        """(source of the parameter list, ok) for a def; the first parameter is self/cls when given."""
        parts, seen = [], set()
        if first:
            parts.append(first)
            seen.add(first)
        star_done = False
        ordered = sorted(enumerate(params or []), key=lambda p: (_KIND_ORDER.get(p[1].get("kind"), 1), p[0]))
        positional_only = [p for _, p in ordered if p.get("kind") == "positional_only"]
        for index, (_, param) in enumerate(ordered):
            name, kind = param.get("name"), param.get("kind", "positional_or_keyword")
            if not isinstance(name, str) or not name.isidentifier() or keyword.iskeyword(name) or name in seen:
                return None
            seen.add(name)
            default = param.get("default")
            if kind == "var_positional":
                parts.append("*_fm_star_" + name)
                star_done = True
                continue
            if kind == "var_keyword":
                parts.append("**_fm_kw_" + name)
                continue
            if kind == "keyword_only" and not star_done:
                parts.append("*")
                star_done = True
            text = name if default is None else "%s=%s" % (name, self.default(default))
            parts.append(text)
            if kind == "positional_only" and param is positional_only[-1]:
                parts.append("/")
        if self.family in _LENIENT and not any(p.get("kind") == "var_keyword" for p in params or []):
            # The old side only runs code that ran on the user's own release: a keyword that release had and the manifest's
            # does not (Prefect 0.15's Flow(environment=...)) is taken, so the module still declares what it declared.
            parts.append("**" + LENIENT_KEYWORDS)
        source = ", ".join(parts)
        try:
            compile("def f(%s): pass" % source, "<sig>", "exec")
        except SyntaxError:
            return None
        return source

    def emit(self, line=""):
        self.lines.append(line)


def _real_name(export_name, entry):
    defined = entry.get("defined_in") or ""
    if ":" not in defined and "." in defined:
        last = defined.rsplit(".", 1)[-1]
        if last.isidentifier() and not keyword.iskeyword(last):
            return last
    return export_name


def _identity(module, name, entry):
    return "%s|%s|%s" % (entry.get("kind"), entry.get("defined_in") or module, _real_name(name, entry))


def _method_kind(entry):
    kind = entry.get("kind")
    if kind in ("method", "property", "classmethod", "staticmethod"):
        return kind
    decorators = entry.get("decorators") or []
    for candidate in ("property", "classmethod", "staticmethod"):
        if any(d == candidate or d.endswith("." + candidate) or d.endswith(".setter") and candidate == "property" for d in decorators):
            return candidate
    return "method"


def _constructor_params(params):
    """A tuple subclass's field accessor (Prefect's `value = cast(T, property(itemgetter(0)))` in unmapped,
    allow_failure, quote…) reads as a keyword-only parameter with that default in the manifest; the real
    constructor (`__new__(cls, value)`) takes it positionally and requires it."""
    if params is None:
        return None
    return [dict(p, kind="positional_or_keyword", default=None) if "property(itemgetter(" in str(p.get("default") or "") else p
            for p in params]


def _emit_class(writer, alias, name, entry, base_alias, family):
    w = writer
    root = "_rt.LenientStandIn" if family in _LENIENT else "_rt.StandIn"
    base = base_alias or root
    w.emit("class %s(%s):" % (name, base))
    w.emit("    _fm_name = %r" % name)
    w.emit("    _fm_defined_in = %r" % entry.get("defined_in"))
    params = _constructor_params(entry.get("params"))
    forwards = entry.get("var_keyword_forwards_to")
    if params is not None:
        signature = w.signature(params, "self")
        if signature is None:
            signature = "self, *_fm_star_args, **_fm_kw_kwargs"
        w.emit("    def __init__(%s):" % signature)
        w.emit("        _rt.init(self, locals())")
        # only Task subclasses are known to hand **kwargs to Task.__init__; other forwards are heuristics
        if forwards and forwards.endswith(".Task") and "**_fm_kw_" in signature:
            target = w.class_names.get(forwards.rsplit(".", 1)[-1])
            kwname = signature.split("**", 1)[1].strip()
            if target and target != alias:
                w.emit("        %s.__init__(self, **%s)" % (target, kwname))
    elif not base_alias:
        w.emit("    def __init__(self, *_fm_star_args, **_fm_kw_kwargs):")
        w.emit("        _rt.init(self, locals())")
    for method_name, method in sorted((entry.get("methods") or {}).items()):
        if method_name == "__init__" or not method_name.isidentifier() or keyword.iskeyword(method_name):
            continue
        kind = _method_kind(method)
        prefix = "async def" if method.get("async") else "def"
        if kind == "property":
            w.emit("    @property")
            w.emit("    def %s(self):" % method_name)
            w.emit("        return _rt.prop(self, %r, %r)" % (name, method_name))
            continue
        first = None if kind == "staticmethod" else ("cls" if kind == "classmethod" else "self")
        signature = w.signature(method.get("params"), first)
        if signature is None:
            signature = (first + ", " if first else "") + "*_fm_star_args, **_fm_kw_kwargs"
        if kind == "classmethod":
            w.emit("    @classmethod")
        elif kind == "staticmethod":
            w.emit("    @staticmethod")
        w.emit("    %s %s(%s):" % (prefix, method_name, signature))
        owner = "cls" if kind == "classmethod" else ("None" if kind == "staticmethod" else "self")
        returns = str(method.get("returns") or "").strip("'\"")
        chain = kind in ("method", "classmethod") and returns in (name, "Self", "typing.Self", "typing_extensions.Self")
        w.emit("        return _rt.method(%s, %r, %r, %r, locals(), static=%r, chain=%r)"
               % (owner, family, name, method_name, kind == "staticmethod", chain))
    for member, text in sorted((entry.get("members") or {}).items()):
        if member.isidentifier() and not keyword.iskeyword(member):
            w.emit("    %s = _rt.Member(%r, %r, %r)" % (member, name, member, text))
    w.emit("%s = %s" % (alias, name))
    for nested, spec in sorted((entry.get("nested_classes") or {}).items()):
        if not nested.isidentifier():
            continue
        w.emit("class %s(%s):" % (nested, root))
        w.emit("    _fm_name = %r" % nested)
        for member, text in sorted((spec.get("members") or {}).items()):
            if member.isidentifier() and not keyword.iskeyword(member):
                w.emit("    %s = _rt.Member(%r, %r, %r)" % (member, name + "." + nested, member, text))
        w.emit("%s.%s = %s" % (alias, nested, nested))
    w.emit("_rt.register(%r, %r, %s)" % (family, name, alias))
    w.emit()


def _emit_function(writer, alias, name, entry, family):
    w = writer
    instance_of = entry.get("instance_of")
    if instance_of or entry.get("methods"):
        # a callable object (flyte.map, prefect.flow): a class with __call__ and the methods
        klass = (instance_of or "_%s_type" % name).rsplit(".", 1)[-1]
        if not klass.isidentifier() or keyword.iskeyword(klass):
            klass = "_%s_type" % name
        methods = dict(entry.get("methods") or {})
        methods["__call__"] = {"kind": "method", "async": entry.get("async", False), "params": entry.get("params")}
        _emit_class(w, alias + "_type", klass, {"methods": methods, "params": []}, None, family)
        w.emit("%s = %s_type()" % (alias, alias))
        w.emit()
        return
    signature = w.signature(entry.get("params"))
    if signature is None:
        signature = "*_fm_star_args, **_fm_kw_kwargs"
    prefix = "async def" if entry.get("async") else "def"
    w.emit("%s %s(%s):" % (prefix, name, signature))
    w.emit("    return _rt.call(%r, %r, locals())" % (family, name))
    if family == "prefect1" and str(entry.get("defined_in") or "").startswith("prefect.tasks.prefect."):
        # create_flow_run, wait_for_flow_run, get_task_run_result are @task functions in v1: mapped, called in a flow, run()
        w.emit("%s = _rt.prefect1_function_task(%s, %r)" % (alias, name, entry.get("defined_in")))
    else:
        w.emit("%s = %s" % (alias, name))
    w.emit()


def _emit_constant(writer, alias, module, name, entry):
    w = writer
    value = entry.get("value")
    if name == "__version__":
        w.emit("%s = %r" % (alias, w.version))
        return
    if value is not None:
        try:
            literal = ast.literal_eval(value)
            w.emit("%s = %r" % (alias, literal))
            return
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            pass
    w.emit("%s = _rt.Anything(%r)" % (alias, module + "." + name))


def _write_tree(manifest, family, root, runtime):
    with open(os.path.join(root, "_flowmigrate_rt.py"), "wb") as handle:
        handle.write(runtime)
    modules = manifest.get("modules", {})
    writer = _Writer(family, version_of(manifest))
    w = writer
    w.emit('"""flowmigrate stand-in API for %s (generated; do not edit)."""' % family)
    w.emit("import _flowmigrate_rt as _rt")
    w.emit("_D = _rt.DEFAULTS_%s" % family)
    w.emit()

    # collect unique entities; classes first, ordered so that bases precede subclasses
    classes, others = [], []
    for module, spec in modules.items():
        for name, entry in (spec.get("exports") or {}).items():
            identity = _identity(module, name, entry)
            if identity in w.entities:
                continue
            alias = "_E%d" % len(w.entities)
            w.entities[identity] = alias
            (classes if entry.get("kind") == "class" else others).append((alias, module, name, entry))
    by_name = {}
    for alias, module, name, entry in classes:
        by_name.setdefault(_real_name(name, entry), alias)
    done, ordered = set(), []
    lookup = {alias: (alias, module, name, entry) for alias, module, name, entry in classes}

    def visit(item, stack):
        alias = item[0]
        if alias in done or alias in stack:
            return
        stack.add(alias)
        for base in item[3].get("bases") or []:
            base_alias = by_name.get(str(base).rsplit(".", 1)[-1].split("[", 1)[0])
            if base_alias and base_alias != alias:
                visit(lookup[base_alias], stack)
        done.add(alias)
        ordered.append(item)

    for item in classes:
        visit(item, set())
    for alias, module, name, entry in ordered:
        real = _real_name(name, entry)
        base_alias = None
        for base in entry.get("bases") or []:
            candidate = by_name.get(str(base).rsplit(".", 1)[-1].split("[", 1)[0])
            if candidate and candidate != alias and candidate in done and ordered.index(lookup[candidate]) < ordered.index((alias, module, name, entry)):
                base_alias = candidate
                break
        w.class_names.setdefault(real, alias)
        _emit_class(w, alias, real, entry, base_alias, family)
        w.class_names[real] = w.class_names.get(real, alias)
    for alias, module, name, entry in others:
        kind = entry.get("kind")
        if kind == "function":
            _emit_function(w, alias, _real_name(name, entry), entry, family)
        elif kind == "module":
            continue
        else:
            _emit_constant(w, alias, module, name, entry)

    api_name = "_fm_api_%s" % family
    defaults_source = "[%s]" % ", ".join(
        "_rt.Default(%r, %r, %r)" % (text, value if literal else None, literal) for text, value, literal in w.defaults)
    header = ["import _flowmigrate_rt as _rt", "_rt.DEFAULTS_%s = %s" % (family, defaults_source)]
    with open(os.path.join(root, api_name + ".py"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(header + w.lines) + "\n")

    # package modules: every manifest module and every parent package
    names = set(modules)
    for spec in modules.values():
        for entry in (spec.get("exports") or {}).values():
            if entry.get("kind") == "module" and entry.get("module"):
                names.add(entry["module"])
    for module in list(modules):
        parts = module.split(".")
        for i in range(1, len(parts)):
            names.add(".".join(parts[:i]))
    for module in sorted(names):
        directory = os.path.join(root, *module.split("."))
        os.makedirs(directory, exist_ok=True)
        lines = ['"""Stand-in for %s (generated by flowmigrate from its API manifest)."""' % module]
        spec = modules.get(module, {})
        exports = spec.get("exports") or {}
        imports, submodules = [], []
        for name, entry in exports.items():
            if not name.isidentifier():
                continue
            if entry.get("kind") == "module":
                submodules.append((name, entry.get("module")))
                continue
            imports.append((w.entities[_identity(module, name, entry)], name))
        if imports:
            lines.append("from %s import (%s)" % (api_name, ", ".join("%s as %s" % pair for pair in imports)))
        if submodules:
            lines.append("import importlib as _fm_importlib")
            for name, target in submodules:
                if target:
                    lines.append("%s = _fm_importlib.import_module(%r)" % (name, target))
        lines.append("__all__ = %r" % ([name for _, name in imports] + [name for name, _ in submodules]))
        lines.append("__flowmigrate_standin__ = %r" % family)
        if family in _LENIENT:
            # Old-side frameworks only ever run to be read: a name the manifest lacks is a placeholder
            # (recorded as a warning), so a module importing internals still declares what it declares.
            lines.append("import _flowmigrate_rt as _fm_rt")
            lines.append("def __getattr__(name):")
            lines.append("    return _fm_rt.missing(__name__, name)")
        with open(os.path.join(directory, "__init__.py"), "w", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
