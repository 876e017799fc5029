"""Runtime of flowmigrate's stand-in packages (copied into every generated tree as _flowmigrate_rt.py).

The generated modules define every class and function of an API manifest with its real signature,
so CPython itself rejects a wrong call with its own message. Their bodies land here: nothing runs
remotely; constructors and decorators only record what the module declares (INSTANCES, in order).
"""

import abc
import functools
import re
import sys

INSTANCES = []      # every stand-in object constructed, in order
CALLS = []          # calls of decorated tasks/flows: (callee, args, kwargs)
CLASSES = {}        # (family, export name) -> generated class
MISSING = []        # names an old-side module used that its manifest does not list
AT_IMPORT = []      # tasks/flows called by module-level code (they would run on every import)
_FLOW_STACK = []    # active Prefect 1 `with Flow(...)` blocks
TRACER = None       # the graph check's recorder (flowmigrate_graph.Tracer) while it reads a flow's calls


class Default:
    """A parameter default as written in the real source; `value` when it is a literal."""

    __slots__ = ("text", "value", "literal")

    def __init__(self, text, value=None, literal=False):
        self.text, self.value, self.literal = text, value, literal

    def __repr__(self):
        return self.text

    def resolve(self):
        return self.value if self.literal else self


class Anything:
    """What a stand-in call returns: every attribute, call, item and operator works."""

    def __init__(self, what="value"):
        object.__setattr__(self, "_fm_what", what)

    def __repr__(self):
        return "<stand-in %s>" % self._fm_what

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return Anything("%s.%s" % (self._fm_what, name))

    def __call__(self, *args, **kwargs):
        if is_prefect1_placeholder(self._fm_what):
            bind_arguments(args, kwargs)
        return Anything(self._fm_what + "()")

    def __getitem__(self, key):
        return Anything(self._fm_what + "[]")

    def __setitem__(self, key, value):
        pass

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __iter__(self):
        return iter(())

    def __len__(self):
        return 0

    def __bool__(self):
        return True

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        return False

    def __await__(self):
        if False:
            yield None
        return self

    def __hash__(self):
        return id(self)

    def __eq__(self, other):
        return self is other

    def __mro_entries__(self, bases):
        return (StandIn,)


def _operator(name):
    def method(self, *args):
        return Anything("(%s %s)" % (getattr(self, "_fm_what", "value"), name))
    method.__name__ = name
    return method


for _name in ("add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "and", "or", "xor", "lshift", "rshift",
              "radd", "rsub", "rmul", "rtruediv", "rfloordiv", "rmod", "rpow", "rand", "ror", "rxor", "rrshift", "rlshift",
              "lt", "le", "gt", "ge", "ne", "neg", "pos", "invert", "matmul"):
    setattr(Anything, "__%s__" % _name, _operator(_name))


class Recorded(Anything):
    """What a stand-in function or method returns: a placeholder that remembers the call."""

    def __init__(self, what, explicit):
        Anything.__init__(self, what)
        object.__setattr__(self, "_fm_call", what)
        object.__setattr__(self, "_fm_explicit", explicit)

    def __repr__(self):
        explicit = self._fm_explicit
        args = [repr(a) for a in explicit.get("*", ())]
        args += ["%s=%r" % (k, v) for k, v in explicit.items() if k != "*"]
        return "%s(%s)" % (self._fm_call, ", ".join(args))


class Outputs(Anything):
    """A Prefect 1 task called with nout=N (or returning Tuple[...] of N): unpacking gives N values, as v1 made N GetItem
    tasks of it (`user, password = get_credentials()` in a flow block)."""

    def __init__(self, what, count):
        Anything.__init__(self, what)
        object.__setattr__(self, "_fm_count", count)

    def __iter__(self):
        return iter([Anything("%s[%d]" % (self._fm_what, index)) for index in range(self._fm_count)])


def _outputs(task):
    """How many values a Prefect 1 task's result unpacks into: nout=, else a Tuple[...] return annotation's length; else None."""
    nout = (task.__dict__.get("_fm_explicit") or {}).get("nout")
    if isinstance(nout, int) and not isinstance(nout, bool) and nout > 0:
        return nout
    fn = task.__dict__.get("_fm_fn") or getattr(type(task), "run", None)
    annotation = getattr(fn, "__annotations__", {}).get("return") if fn is not None else None
    origin = getattr(annotation, "__origin__", None)
    arguments = getattr(annotation, "__args__", ())
    if origin is tuple and arguments and Ellipsis not in arguments:
        return len(arguments)
    return None


class StandIn:
    """Base of every generated class."""

    _fm_family = None
    _fm_name = None
    _fm_defined_in = None  # the real class's dotted path (prefect.tasks.shell.ShellTask)

    def __class_getitem__(cls, item):
        return cls

    @classmethod
    def __get_pydantic_core_schema__(cls, source, handler):
        # the real classes (FlyteFile, flyte.io.File, ...) are valid pydantic field types: a stand-in takes any value
        from pydantic_core import core_schema
        return core_schema.any_schema()

    def __init_subclass__(cls, **kwargs):
        pass

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        if name.startswith("_fm_"):
            raise AttributeError(name)
        return Anything("%s.%s" % (type(self).__name__, name))

    def __call__(self, *args, **kwargs):
        return _called(self, args, kwargs)

    def __deepcopy__(self, memo):
        # A Prefect 1 flow template copied with deepcopy (`radar = deepcopy(dump_flow)`, then `radar.name = ...`): the copy is an
        # object of the module that made it, declared there as v1 registered it. Lists and dicts are copied one level down so the
        # copy's settings are its own; the tasks and parameters in them stay the template's objects.
        klass = type(self)
        copied = klass.__new__(klass)
        memo[id(self)] = copied
        for key, value in self.__dict__.items():
            copied.__dict__[key] = type(value)(value) if type(value) in (list, dict) else value
        frame = sys._getframe(1)
        while frame is not None and frame.f_globals.get("__name__", "") in ("copy", "_flowmigrate_rt"):
            frame = frame.f_back
        copied.__dict__["_fm_module"] = frame.f_globals.get("__name__") if frame is not None else None
        INSTANCES.append(copied)
        if TRACER is not None:
            TRACER.copied(self, copied)
        return copied

    def __enter__(self):
        hook = _HOOKS.get((self._fm_family, "__enter__"))
        if TRACER is not None:
            TRACER.enter(self)
        return hook(self) if hook else self

    def __exit__(self, *exc):
        hook = _HOOKS.get((self._fm_family, "__exit__"))
        if hook:
            hook(self)
        if TRACER is not None:
            TRACER.exit(self)
        return False

    def __repr__(self):
        explicit = self.__dict__.get("_fm_explicit")
        if explicit is None:
            return "%s(...)" % type(self).__name__
        args = [repr(a) for a in explicit.get("*", ())]
        args += ["%s=%r" % (k, v) for k, v in explicit.items() if k != "*"]
        return "%s(%s)" % (type(self).__name__, ", ".join(args))


def _task_operator(name):
    # Prefect 1 Task overloads arithmetic, bitwise and ordering operators (each builds a task of the flow); other
    # families' classes do not, so they keep Python's TypeError.
    def method(self, *args):
        if self._fm_family != "prefect1":
            return NotImplemented
        return Anything("(%s %s)" % (type(self).__name__, name))
    method.__name__ = name
    return method


for _name in ("add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "and", "or", "xor", "radd", "rsub", "rmul",
              "rtruediv", "rfloordiv", "rmod", "rpow", "rand", "ror", "rxor", "lt", "le", "gt", "ge"):
    setattr(StandIn, "__%s__" % _name, _task_operator(_name))


_CONSTANT = re.compile(r"[A-Z][A-Z0-9_]*\Z")


class LenientClass(abc.ABCMeta):
    """Metaclass of the old side's stand-in classes. Manifests list a class's methods, properties and Enum members,
    not the plain constants of other classes (flytekit's WorkflowExecutionPhase.SUCCEEDED is `SUCCEEDED = <protobuf
    value>` on a plain class): an UPPER_CASE class attribute the manifest lacks is a Member placeholder, recorded in
    MISSING like a module name the manifest lacks. (Derived from ABCMeta so a user class may also inherit abc.ABC.)"""

    def __getattr__(cls, name):
        if not _CONSTANT.match(name):
            raise AttributeError("type object %r has no attribute %r" % (cls.__name__, name))
        owner = cls.__dict__.get("_fm_name") or cls.__name__
        home = "%s.%s" % (cls._fm_family or "?", owner)
        if (home, name) not in MISSING:
            MISSING.append((home, name))
        member = Member(owner, name, None)
        type.__setattr__(cls, name, member)  # the same object on every use, as a real constant
        return member


class LenientStandIn(StandIn, metaclass=LenientClass):
    """Base of the old side's (lenient families') generated classes."""


class Member(StandIn):
    """An enum member or nested constant of a stand-in class."""

    def __init__(self, owner, name, text):
        self.__dict__.update(_fm_owner=owner, name=name, value=text, _fm_text=text)

    def __repr__(self):
        return "%s.%s" % (self._fm_owner, self.name)


def _spread(loc, self_name=None):
    """locals() of a generated function -> (all args with defaults resolved, explicit args)."""
    values, explicit = {}, {}
    for index, (name, value) in enumerate(loc.items()):
        if index == 0 and self_name is not None:
            continue
        if name.startswith("_fm_star_"):
            values["*"] = explicit["*"] = tuple(value)
            continue
        if name.startswith("_fm_kw_"):
            for key, item in value.items():
                values[key] = explicit[key] = item
            continue
        if isinstance(value, Default):
            values[name] = value.resolve()
        else:
            values[name] = explicit[name] = value
    if "*" in explicit and not explicit["*"]:
        del explicit["*"]
        values.pop("*", None)
    return values, explicit


def missing(module, name):
    if name.startswith("__") and name.endswith("__"):
        raise AttributeError("module %r has no attribute %r" % (module, name))
    if (module, name) not in MISSING:
        MISSING.append((module, name))
    return Anything("%s.%s" % (module, name))


def init(self, loc):
    values, explicit = _spread(loc, "self")
    known = self.__dict__.get("_fm_explicit")
    if known is not None:
        # a forwarded **kwargs constructor (Prefect 1 Task subclasses) runs twice: keep the first record
        for key, value in explicit.items():
            known.setdefault(key, value)
        return
    self.__dict__["_fm_explicit"] = explicit
    self.__dict__["_fm_values"] = values
    klass = type(self)
    for name, value in values.items():
        if name == "*" or name.startswith("_"):
            continue
        if any(name in k.__dict__ for k in klass.__mro__):
            continue
        try:
            object.__setattr__(self, name, value)
        except (AttributeError, TypeError):
            pass
    self.__dict__["_fm_module"] = _creator()
    INSTANCES.append(self)
    hook = _HOOKS.get((klass._fm_family, "init:" + (klass._fm_name or "")))
    if hook is None:
        for base in klass.__mro__[1:]:
            hook = _HOOKS.get((getattr(base, "_fm_family", None), "init:" + (getattr(base, "_fm_name", None) or "")))
            if hook is not None:
                break
    if hook is not None:
        hook(self)


def _creator():
    """The module whose code constructed an object (past constructors and the stand-in itself)."""
    frame = sys._getframe(2)
    while frame is not None:
        name = frame.f_globals.get("__name__", "")
        if not (name.startswith("_fm_api_") or name == "_flowmigrate_rt" or frame.f_code.co_name == "__init__"):
            return name
        frame = frame.f_back
    return None


def new(cls, explicit):
    """An instance of a generated class without running its constructor (internal objects)."""
    obj = cls.__new__(cls)
    obj.__dict__["_fm_explicit"] = dict(explicit)
    obj.__dict__["_fm_values"] = dict(explicit)
    obj.__dict__["_fm_module"] = _creator()
    INSTANCES.append(obj)
    return obj


def call(family, name, loc):
    values, explicit = _spread(loc)
    hook = _HOOKS.get((family, name))
    result = hook(values, explicit, loc) if hook is not None else Recorded(name, explicit)
    if TRACER is not None:
        return TRACER.after_call(family, name, values, explicit, result)
    return result


def method(self, family, owner, name, loc, static=False, chain=False):
    values, explicit = _spread(loc, None if static else "self")
    hook = _HOOKS.get((family, owner + "." + name))
    if hook is not None:
        result = hook(self, values, explicit)
        if TRACER is not None and name != "__call__":
            return TRACER.after_method(self, family, owner, name, values, explicit, result)
        return result
    if chain and name not in ("__call__", "map"):
        # a builder (Image.from_debian_base(...).with_pip_packages(...)): a new object remembering the calls
        klass = self if isinstance(self, type) else type(self)
        if isinstance(self, type):
            previous = []
        else:
            previous = list(self.__dict__.get("_fm_chain") or [("__init__", self.__dict__.get("_fm_explicit") or {})])
        obj = klass.__new__(klass)
        obj.__dict__.update(_fm_explicit={}, _fm_values={}, _fm_chain=previous + [(name, explicit)], _fm_module=_creator())
        return obj
    if name == "__call__":
        return _called(self, explicit.get("*", ()), {k: v for k, v in explicit.items() if k != "*"})
    result = Recorded("%s.%s" % (owner, name), explicit)
    if TRACER is not None:
        return TRACER.after_method(self, family, owner, name, values, explicit, result)
    return result


def prop(self, owner, name):
    return Anything("%s.%s" % (owner, name))


def _called(target, args, kwargs):
    CALLS.append((target, tuple(args), dict(kwargs)))
    if target.__dict__.get("_fm_kind") in ("flow", "task", "workflow", "dynamic", "eager"):
        frame = _user_caller()
        if frame is not None and frame.f_code.co_name == "<module>":
            AT_IMPORT.append({"callee": target.__dict__.get("__name__", "?"), "file": frame.f_code.co_filename,
                              "line": frame.f_lineno})
    hook = _HOOKS.get((getattr(target, "_fm_family", None), "called"))
    if hook is not None:
        result = hook(target, args, kwargs)
    else:
        result = Anything("%s()" % getattr(target, "__name__", type(target).__name__))
    if TRACER is not None:
        return TRACER.called(target, args, kwargs, result)
    return result


def _user_caller():
    frame = sys._getframe(2)
    while frame is not None:
        name = frame.f_globals.get("__name__", "")
        if not (name.startswith("_fm_api_") or name == "_flowmigrate_rt"):
            return frame
        frame = frame.f_back
    return None


def cls_of(family, name):
    return CLASSES.get((family, name))


def defined_at(path):
    """The stand-in class whose real class is `path` (prefect.tasks.templates.jinja2.JinjaTemplate), or None: the manifest lists
    a class under the module that exports it, code may import it from the submodule that defines it."""
    for klass in CLASSES.values():
        if klass.__dict__.get("_fm_defined_in") == path:
            return klass
    return None


def register(family, name, klass):
    CLASSES.setdefault((family, name), klass)
    klass._fm_family = family
    if klass._fm_name is None or klass.__dict__.get("_fm_name") is None:
        klass._fm_name = name


def _first(values):
    for key, value in values.items():
        if key != "*":
            return value
    return None


def _decorated(cls_name, family, kind, fn, config, extra=None):
    klass = cls_of(family, cls_name) or StandIn
    obj = klass.__new__(klass)
    obj.__dict__.update({
        "_fm_kind": kind, "_fm_fn": fn, "_fm_explicit": dict(config), "_fm_values": dict(config),
        "__name__": getattr(fn, "__name__", kind), "__qualname__": getattr(fn, "__qualname__", kind),
        "__module__": getattr(fn, "__module__", None), "__doc__": getattr(fn, "__doc__", None), "__wrapped__": fn,
        "name": getattr(fn, "__name__", kind), "_fm_module": getattr(fn, "__module__", None),
    })
    if extra:
        obj.__dict__.update(extra)
    INSTANCES.append(obj)
    return obj


def _decorator_hook(cls_name, kind, fn_is_first=True, config_filter=None):
    def hook(values, explicit, loc):
        fn = _first(values)
        config = {k: v for k, v in explicit.items() if k != "*"}
        if fn_is_first:
            first_key = next((k for k in values if k != "*"), None)
            config.pop(first_key, None)
        family = hook.family
        if callable(fn) and not isinstance(fn, Default):
            return _decorated(cls_name, family, kind, fn, config)
        return lambda f: _decorated(cls_name, family, kind, f, config)
    return hook


_HOOKS = {}


# --- flytekit (Flyte 1) ---------------------------------------------------------------------

def _flytekit():
    for name, kind in (("task", "task"), ("dynamic", "dynamic"), ("eager", "eager")):
        hook = _decorator_hook("PythonFunctionTask", kind)
        hook.family = "flytekit"
        _HOOKS[("flytekit", name)] = hook
    hook = _decorator_hook("PythonFunctionWorkflow", "workflow")
    hook.family = "flytekit"
    _HOOKS[("flytekit", "workflow")] = hook

    def launch_plan(create_name_first):
        def hook(self, values, explicit):
            klass = cls_of("flytekit", "LaunchPlan") or StandIn
            return new(klass, {k: v for k, v in explicit.items() if k != "*"})
        return hook

    _HOOKS[("flytekit", "LaunchPlan.get_or_create")] = launch_plan(False)
    _HOOKS[("flytekit", "LaunchPlan.create")] = launch_plan(True)


# --- flyte (Flyte 2) ------------------------------------------------------------------------

def _flyte():
    def env_task(self, values, explicit):
        fn = values.get("_func")
        config = {k: v for k, v in explicit.items() if k not in ("*", "_func")}
        if callable(fn) and not isinstance(fn, Default):
            return _decorated("AsyncFunctionTaskTemplate", "flyte", "task", fn, config, {"_fm_env": self})
        return lambda f: _decorated("AsyncFunctionTaskTemplate", "flyte", "task", f, config, {"_fm_env": self})

    _HOOKS[("flyte", "TaskEnvironment.task")] = env_task

    def clone_with(self, values, explicit):
        merged = dict(self.__dict__.get("_fm_explicit", {}))
        merged.update({k: v for k, v in explicit.items() if k not in ("*", "kwargs") and v is not None})
        clone = new(type(self), merged)
        for key, value in merged.items():
            clone.__dict__.setdefault(key, value)
        return clone

    _HOOKS[("flyte", "TaskEnvironment.clone_with")] = clone_with

    def override(self, values, explicit):
        config = dict(self.__dict__.get("_fm_explicit", {}))
        config.update({k: v for k, v in explicit.items() if k != "*"})
        obj = type(self).__new__(type(self))
        obj.__dict__.update(self.__dict__)
        obj.__dict__["_fm_explicit"] = config
        obj.__dict__["_fm_override_of"] = self
        return obj

    _HOOKS[("flyte", "AsyncFunctionTaskTemplate.override")] = override

    def shortcut(cron):
        def hook(self, values, explicit):
            klass = cls_of("flyte", "Cron")
            automation = klass(cron) if klass else cron
            config = {k: v for k, v in explicit.items() if k != "*"}
            config.setdefault("name", values.get("name"))
            key = values.get("trigger_time_input_key")
            if key:
                config.pop("trigger_time_input_key", None)
                inputs = dict(config.get("inputs") or {})
                inputs[key] = _trigger_time()
                config["inputs"] = inputs
            config["automation"] = automation
            trigger = cls_of("flyte", "Trigger")
            return new(trigger, config) if trigger else Anything("Trigger")
        return hook

    for name, cron in (("hourly", "0 * * * *"), ("daily", "0 0 * * *"), ("weekly", "0 0 * * 0"),
                       ("monthly", "0 0 1 * *"), ("minutely", "* * * * *")):
        _HOOKS[("flyte", "Trigger." + name)] = shortcut(cron)


def _trigger_time():
    try:
        import flyte
        return flyte.TriggerTime
    except Exception:  # pragma: no cover - only when the stand-in is partial
        return Anything("TriggerTime")


# --- Prefect 1 ------------------------------------------------------------------------------

def prefect1_function_task(fn, defined_in=None):
    """A task-library function that v1 made with @task (create_flow_run): the Task its decorator makes, run() being the function,
    remembering where the real one is defined (the graph check tells the library's plumbing from its working tasks by it)."""
    hook = _HOOKS.get(("prefect1", "task"))
    if hook is None:
        return fn
    obj = hook({"fn": fn}, {}, None)
    obj.__dict__["_fm_defined_in"] = defined_in
    return obj


def _prefect1():
    def task(values, explicit, loc):
        fn = values.get("fn")
        config = {k: v for k, v in explicit.items() if k not in ("*", "fn")}
        klass = cls_of("prefect1", "Task")

        def build(f):
            obj = klass.__new__(klass)
            obj.__dict__["_fm_fn"] = f
            klass.__init__(obj, **config)  # validates against Task.__init__ with CPython's message
            # v1's FunctionTask runs the function itself: `get_date.run(1)` at module level calls it
            obj.__dict__.update({"__name__": f.__name__, "__module__": f.__module__, "__doc__": f.__doc__,
                                 "__wrapped__": f, "_fm_kind": "task", "run": f})
            if "name" not in config:
                obj.__dict__["name"] = f.__name__
            return obj

        if callable(fn) and not isinstance(fn, Default):
            return build(fn)
        return build

    _HOOKS[("prefect1", "task")] = task
    # functools.wraps keeps run()'s signature in Prefect 1 too
    _HOOKS[("prefect1", "defaults_from_attrs")] = lambda values, explicit, loc: (lambda fn: fn)

    def enter(self):
        if _is("prefect1", self, "Flow"):
            _FLOW_STACK.append(self)
        return self

    def exit_(self):
        if _FLOW_STACK and _FLOW_STACK[-1] is self:
            _FLOW_STACK.pop()

    _HOOKS[("prefect1", "__enter__")] = enter
    _HOOKS[("prefect1", "__exit__")] = exit_

    def flow_init(self):
        # v1's Flow keeps `state_handlers or []`: modules append a handler to a flow built without any
        if self.__dict__.get("state_handlers") is None:
            self.__dict__["state_handlers"] = []
        self.__dict__.setdefault("_fm_parameters", [])
        self.__dict__.setdefault("_fm_tasks", [])
        for item in self.__dict__["_fm_values"].get("tasks") or ():
            _add_to_flow(self, item)

    def parameter_init(self):
        if _FLOW_STACK:
            _add_to_flow(_FLOW_STACK[-1], self)

    _HOOKS[("prefect1", "init:Flow")] = flow_init
    _HOOKS[("prefect1", "init:Parameter")] = parameter_init

    def task_call(self, args, kwargs):
        if _FLOW_STACK:
            _add_to_flow(_FLOW_STACK[-1], self)
            bind_arguments(args, kwargs)
        if _is("prefect1", self, "Parameter"):
            return self  # v1's Parameter.__call__ binds it to the flow and returns it: its value, not a task's result
        what = "%s()" % getattr(self, "name", "task")
        count = _outputs(self)
        return Outputs(what, count) if count else Anything(what)

    _HOOKS[("prefect1", "called")] = task_call

    def task_map(self, values, explicit):
        return task_call(self, explicit.get("*", ()), {k: v for k, v in explicit.items() if k != "*"})

    _HOOKS[("prefect1", "Task.map")] = task_map

    def add_task(self, values, explicit):
        _add_to_flow(self, values.get("task"))
        return values.get("task")

    _HOOKS[("prefect1", "Flow.add_task")] = add_task

    def set_dependencies(self, values, explicit):
        _add_to_flow(self, values.get("task"))
        for key in ("upstream_tasks", "downstream_tasks"):
            for item in values.get(key) or ():
                _add_to_flow(self, item)
        for item in (values.get("keyword_tasks") or {}).values():
            _add_to_flow(self, item)
        return None

    _HOOKS[("prefect1", "Flow.set_dependencies")] = set_dependencies

    # A task's own set_upstream/set_downstream/set_dependencies call its flow's set_dependencies, as v1's do: the flow
    # passed (imperative flows built outside any `with Flow`), else the `with Flow` block around the call.
    def task_dependencies(self, values, explicit):
        flow = values.get("flow") or (_FLOW_STACK[-1] if _FLOW_STACK else None)
        if flow is None or not _is("prefect1", flow, "Flow"):
            return None
        flow.set_dependencies(
            task=self, upstream_tasks=values.get("upstream_tasks"), downstream_tasks=values.get("downstream_tasks"),
            keyword_tasks=values.get("keyword_tasks"), mapped=values.get("mapped") or False)
        return None

    def task_neighbour(upstream):
        def hook(self, values, explicit):
            other, key = values.get("task"), values.get("key")
            task, edge = (self, other) if upstream else (other, self)
            dependencies = {"keyword_tasks": {key: edge}} if key is not None else {"upstream_tasks": [edge]}
            return task_dependencies(task, dict(dependencies, flow=values.get("flow"), mapped=values.get("mapped")), explicit)
        return hook

    _HOOKS[("prefect1", "Task.set_dependencies")] = task_dependencies
    _HOOKS[("prefect1", "Task.set_upstream")] = task_neighbour(True)
    _HOOKS[("prefect1", "Task.set_downstream")] = task_neighbour(False)


def bind_arguments(args, kwargs):
    """Adds the Prefect 1 tasks and Parameters among a call's arguments (also inside unmapped/mapped) to the active
    `with Flow(...)` block, as calling a task there does; nothing outside one."""
    if not _FLOW_STACK:
        return
    flow = _FLOW_STACK[-1]
    for value in list(args) + list(kwargs.values()):
        if _is("prefect1", value, "Task"):
            _add_to_flow(flow, value)
        inner = getattr(value, "__dict__", {}).get("value") if _is("prefect1", value, "unmapped", "mapped") else None
        if inner is not None and _is("prefect1", inner, "Task"):
            _add_to_flow(flow, inner)


def is_prefect1_placeholder(what):
    """Whether a placeholder stands for a name of Prefect 1 its manifest does not list (e.g. a task-library class):
    calling it (or its .map) in a `with Flow(...)` block binds its task arguments to the flow, as a task's call does."""
    return bool(_FLOW_STACK) and str(what).startswith("prefect.")


def _add_to_flow(flow, item):
    if item is None or not isinstance(item, StandIn):
        return
    if _is("prefect1", item, "Parameter"):
        if all(p is not item for p in flow.__dict__["_fm_parameters"]):
            flow.__dict__["_fm_parameters"].append(item)
    elif _is("prefect1", item, "Task"):
        if all(t is not item for t in flow.__dict__["_fm_tasks"]):
            flow.__dict__["_fm_tasks"].append(item)


def _is(family, obj, *names):
    for name in names:
        klass = cls_of(family, name)
        if klass is not None and isinstance(obj, klass):
            return True
    return False


# --- Prefect 2 / 3 --------------------------------------------------------------------------

def _prefect_modern(family):
    def flow_hook(values, explicit, loc):
        fn = _first(values)
        config = {k: v for k, v in explicit.items() if k != "*"}
        config.pop(next((k for k in values if k != "*"), None), None)
        # Flow.fn and Task.fn are the function itself in 2/3 (`get_previous_date.fn(1)` for a default, as v1's `.run(1)` was)
        if callable(fn) and not isinstance(fn, Default):
            return _decorated("Flow", family, "flow", fn, config, {"_fm_deployments": [], "fn": fn})
        return lambda f: _decorated("Flow", family, "flow", f, config, {"_fm_deployments": [], "fn": f})

    def task_hook(values, explicit, loc):
        fn = _first(values)
        config = {k: v for k, v in explicit.items() if k != "*"}
        config.pop(next((k for k in values if k != "*"), None), None)
        if callable(fn) and not isinstance(fn, Default):
            return _decorated("Task", family, "task", fn, config, {"fn": fn})
        return lambda f: _decorated("Task", family, "task", f, config, {"fn": f})

    _HOOKS[(family, "FlowDecorator.__call__")] = lambda self, values, explicit: flow_hook(values, explicit, None)
    _HOOKS[(family, "flow")] = flow_hook
    _HOOKS[(family, "task")] = task_hook

    def deployment(kind):
        def hook(self, values, explicit):
            record = {k: v for k, v in explicit.items() if k != "*"}
            record["_kind"] = kind
            self.__dict__.setdefault("_fm_deployments", []).append(record)
            return Anything("deployment")
        return hook

    for kind in ("serve", "deploy", "to_deployment"):
        _HOOKS[(family, "Flow." + kind)] = deployment(kind)

    def with_options(self, values, explicit):
        config = dict(self.__dict__.get("_fm_explicit", {}))
        config.update({k: v for k, v in explicit.items() if k != "*"})
        obj = type(self).__new__(type(self))
        obj.__dict__.update(self.__dict__)
        obj.__dict__["_fm_explicit"] = config
        obj.__dict__["_fm_options_of"] = self
        obj.__dict__["_fm_module"] = _creator()
        return obj

    _HOOKS[(family, "Flow.with_options")] = with_options
    _HOOKS[(family, "Task.with_options")] = with_options


def _install():
    _flytekit()
    _flyte()
    _prefect1()
    _prefect_modern("prefect2")
    _prefect_modern("prefect3")


_install()


def wraps_fn(obj):
    return obj.__dict__.get("_fm_fn") if isinstance(obj, StandIn) else None


__all__ = ["Anything", "Default", "StandIn", "LenientStandIn", "Member", "init", "call", "method", "prop", "register", "functools"]
