"""The graph check's recorder (child side): which tasks a flow calls, with which data, in which order.

Old side: a Flyte 1 workflow / dynamic body runs once with placeholder inputs, and a Prefect 1 `with Flow`
block (or the flow's `set_dependencies` and the tasks' `set_upstream`/`set_downstream(flow=...)` calls) is
recorded while the module is imported. New side: the Flyte 2 driver task or the Prefect 2/3 flow function runs
with placeholder inputs; the tasks it calls are not run, they
record the call and return placeholders that remember which node produced them. A branch on a placeholder
(`if accuracy > 0.9:`) is explored both ways (a few runs, each with its decisions), so both arms are seen.

Each run gives nodes: {"id" (task name, "#2" for its second call), "task", "file", "line", "mapped",
"inputs": {parameter: [sources]} (a source is a node id or "input:<flow parameter>"), "after" (explicit
ordering: >>, upstream_tasks, set_upstream, wait_for), "control" (Prefect 1 case conditions), "kind"
("call" | "coroutine" | "submit" | "map"), "start"/"end" (logical clock; end None = never waited for),
"awaited" (coroutines), "resolved" (futures)}.
"""

import asyncio
import inspect
import os
import sys

_MAX_RUNS = 16
_MAX_DECISIONS = 200
_PREFECT1_CALL_OPTIONS = {"upstream_tasks", "mapped", "task_args", "flow"}
_SUBMIT_OPTIONS = {"wait_for", "return_state"}
_MAPPER_OPTIONS = {"group_name", "concurrency", "return_exceptions"}
_RESOLVERS = {"wait", "as_completed", "resolve_futures_to_results", "resolve_futures_to_states"}
_NODE_KINDS = ("task", "workflow", "dynamic", "eager", "flow")
# Prefect 1 task library modules whose tasks are plumbing, not work: the conversion turns them into plain code (merge, Secret.load,
# a constant) or into flow runs (run_deployment), which the graph check compares in their own way.
_LIBRARY_PLUMBING = ("prefect.tasks.core.", "prefect.tasks.control_flow.conditional.", "prefect.tasks.control_flow.case.",
                     "prefect.tasks.secrets.", "prefect.tasks.prefect.")
# What starts a child flow run, old and new: its run is a value of its own ("flow run", with what its parameters came from), so a
# task fed the run of v1's create_flow_run and one fed the run of run_deployment are fed alike, whatever else the calls take
# (labels=, which the conversion leaves to a TODO).
_FLOW_RUN = "flow run"
_CREATE_FLOW_RUN = "prefect.tasks.prefect.flow_run.create_flow_run"
# StartFlowRun's instances start a run too: with the parameters of the call, else those the instance was made with.
_START_FLOW_RUN = "prefect.tasks.prefect.flow_run.StartFlowRun"


class _TooManyDecisions(BaseException):
    """Stops a run that keeps branching on placeholders (a loop on a placeholder condition)."""


class Run:
    def __init__(self, decisions):
        self.prefix = list(decisions)
        self.taken = []
        self.nodes = []
        self.clock = 0
        self.objects = {}   # id(task object) -> node (Prefect 1 imperative API: the object is the node)
        self.control = []   # stack of source sets (Prefect 1 `with case(...)`)
        self.arms = []      # the same cases as (condition sources, repr of the value or None when not a constant)
        self.node_arms = {}  # id(node) -> the arms it was called in
        self.truths = set()  # "sources|True/False": the truth each branched-on value took in this run (new side)
        self.coroutines = {}  # id(coroutine) -> node
        self.error = None

    def tick(self):
        self.clock += 1
        return self.clock

    def decide(self):
        if len(self.taken) >= _MAX_DECISIONS:
            raise _TooManyDecisions()
        choice = self.prefix[len(self.taken)] if len(self.taken) < len(self.prefix) else False
        self.taken.append(choice)
        return choice

    def new_node(self, task, where, kind, mapped=False):
        # Numbered among the calls of the task that can run with it: the two arms of `case(x, True)` / `case(x, False)` calling
        # the same task are each its first call, as each run of the new flow's `if x:` / `else:` makes one of them.
        arms = list(self.arms)
        count = 1 + sum(1 for n in self.nodes if n["task"] == task and not _exclusive(self.node_arms.get(id(n), ()), arms))
        node = {"id": task if count == 1 else "%s#%d" % (task, count), "task": task, "mapped": mapped, "inputs": {},
                "after": [], "control": sorted(set().union(*self.control)) if self.control else [], "kind": kind}
        node.update(where)
        self.nodes.append(node)
        self.node_arms[id(node)] = arms
        return node

    def copy(self):
        """The run as it stands, for a deepcopy of its flow: v1 copies the task graph, so calls added later to either are its own."""
        copied = Run(self.prefix)
        nodes = {id(node): dict(node, inputs={k: list(v) for k, v in node["inputs"].items()}, after=list(node["after"]),
                                control=list(node["control"])) for node in self.nodes}
        copied.nodes = [nodes[id(node)] for node in self.nodes]
        copied.node_arms = {id(nodes[id(node)]): list(self.node_arms.get(id(node), ())) for node in self.nodes}
        copied.clock = self.clock
        copied.objects = {key: nodes[id(node)] for key, node in self.objects.items() if id(node) in nodes}
        return copied

    def answer(self):
        for node in self.nodes:
            # the case arms a call was made in, as "sources|True/False" (cases on a boolean constant only)
            node["arms"] = ["%s|%s" % (",".join(sorted(sources)), value) for sources, value in self.node_arms.get(id(node), ())
                            if value in ("True", "False") and sources]
        out = {"decisions": self.taken, "nodes": self.nodes, "truths": sorted(self.truths)}
        if self.error:
            out["error"] = self.error
        return out


def _exclusive(arms, others):
    """Whether two calls' case arms can never both run: the same condition compared with two different constants."""
    return any(sources == other_sources and value is not None and other is not None and value != other
               for sources, value in arms for other_sources, other in others)


class Traced:
    """A placeholder value that remembers which nodes (and flow inputs) it was computed from."""

    def __init__(self, tracer, sources, node=None, run=None, outputs=None):
        object.__setattr__(self, "_fm_sources", frozenset(sources))
        object.__setattr__(self, "_fm_tracer", tracer)
        object.__setattr__(self, "_fm_node", node)
        object.__setattr__(self, "_fm_run", run)
        # a Prefect 1 task's result with nout=N unpacks into N values (a placeholder's loop runs once)
        object.__setattr__(self, "_fm_outputs", outputs)

    def _derive(self, *others):
        sources = set(self._fm_sources)
        for other in others:
            sources |= self._fm_tracer.sources(other, self._fm_run)
        return Traced(self._fm_tracer, sources, None, self._fm_run)

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        if name in ("set_upstream", "set_downstream") and self._fm_node is not None:
            return lambda other, *args, **kwargs: self._fm_tracer.order(self, other, name == "set_upstream")
        return self._derive()

    def __setattr__(self, name, value):
        pass

    def __call__(self, *args, **kwargs):
        return self._derive(args, kwargs)

    def __getitem__(self, key):
        return self._derive(key)

    def __setitem__(self, key, value):
        pass

    def __iter__(self):
        return iter(tuple(self._derive() for _ in range(self._fm_outputs or 1)))  # a loop over a placeholder runs once

    def __len__(self):
        return 1

    def __bool__(self):
        # One value has one truth within a run: `if big:` ... `if not big:` are the two arms of one decision, not two
        # independent ones (which would invent runs taking both arms or neither).
        known = self.__dict__.get("_fm_truth")
        if known is not None:
            return known
        run = self._fm_run or self._fm_tracer.current()
        truth = run.decide() if run is not None else False
        object.__setattr__(self, "_fm_truth", truth)
        if run is not None and self._fm_sources:
            run.truths.add("%s|%s" % (",".join(sorted(self._fm_sources)), bool(truth)))
        return truth

    def __contains__(self, item):
        return self.__bool__()

    def __int__(self):
        return 1

    __index__ = __int__

    def __float__(self):
        return 1.0

    def __format__(self, spec):
        return "<placeholder>"

    def __repr__(self):
        return "<placeholder from %s>" % ", ".join(sorted(self._fm_sources))

    def __hash__(self):
        return id(self)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def __rshift__(self, other):
        self._fm_tracer.order(other, self, True)
        return other

    def __lshift__(self, other):
        self._fm_tracer.order(self, other, True)
        return other


def _operator(name):
    def method(self, *args):
        return self._derive(*args)
    method.__name__ = name
    return method


for _name in ("add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "and", "or", "xor", "radd", "rsub", "rmul",
              "rtruediv", "rfloordiv", "rmod", "rpow", "rand", "ror", "rxor", "lt", "le", "gt", "ge", "eq", "ne", "neg",
              "pos", "invert", "abs", "matmul", "round"):
    setattr(Traced, "__%s__" % _name, _operator(_name))


class Future(Traced):
    """A Prefect future (or future list) from .submit() / .map(): resolved by .result(), .wait(), a consumer."""

    def __getattr__(self, name):
        if name in ("result", "wait", "state", "get_state", "result_or_raise"):
            self._fm_tracer.resolve(self._fm_node, self._fm_run)
            return lambda *args, **kwargs: Traced(self._fm_tracer, self._fm_sources, None, self._fm_run)
        return Traced.__getattr__(self, name)

    def __iter__(self):
        return iter((Future(self._fm_tracer, self._fm_sources, self._fm_node, self._fm_run),))


class _Yield:
    def __await__(self):
        yield  # one trip through the event loop: gathered coroutines overlap, awaited ones do not


class Tracer:
    def __init__(self, rt, root, standin_dirs):
        self.rt = rt
        self.prefix = root.rstrip(os.sep) + os.sep
        self.standin_dirs = [d.rstrip(os.sep) + os.sep for d in standin_dirs]
        self.active = None
        self.flows = []  # (flow object, Run) for Prefect 1 flows built while importing

    # --- where -----------------------------------------------------------------------------

    def current(self):
        stack = self.rt._FLOW_STACK
        if stack:
            return self.flow_run(stack[-1])
        return self.active

    def flow_run(self, flow):
        for known, run in self.flows:
            if known is flow:
                return run
        run = Run([])
        self.flows.append((flow, run))
        return run

    def copied(self, flow, copy):
        """A Prefect 1 flow copied with deepcopy (a flow template, `radar = deepcopy(dump_flow)`): the copy calls what the flow did."""
        if self._is_flow(flow):
            self.flows.append((copy, self.flow_run(flow).copy()))

    def where(self):
        frame = sys._getframe(1)
        while frame is not None:
            filename = frame.f_code.co_filename
            if filename.startswith(self.prefix) and not any(filename.startswith(d) for d in self.standin_dirs):
                return {"file": os.path.relpath(filename, self.prefix), "line": frame.f_lineno}
            frame = frame.f_back
        return {}

    # --- what is a node --------------------------------------------------------------------

    def _is(self, obj, *names):
        return any(self.rt.cls_of("prefect1", n) is not None and isinstance(obj, self.rt.cls_of("prefect1", n)) for n in names)

    def is_node(self, obj):
        if not isinstance(obj, self.rt.StandIn):
            return False
        # A task of the framework's own (a stand-in class, or a task-library function v1 made with @task such as create_flow_run)
        # and where its real one is defined; a Task subclass of the user's is not one, even of a library class.
        library = "_fm_defined_in" in obj.__dict__ or type(obj).__module__.startswith("_fm_api_")
        defined = self.defined_in(obj)
        if library and defined.startswith(_LIBRARY_PLUMBING):
            return False  # the task library's plumbing: merge, secrets, constants, flow runs
        if obj.__dict__.get("_fm_kind") in _NODE_KINDS:
            return True
        # a Prefect 1 Task subclass of the user's, or a task of the task library that does work (ShellTask, JinjaTemplate,
        # CreateContainer: the conversion makes each a @task)
        if not self._is(obj, "Task") or self._is(obj, "Parameter"):
            return False
        return not library or defined.startswith("prefect.tasks.")

    @staticmethod
    def defined_in(obj):
        """Where the framework defines a stand-in task (prefect.tasks.shell.ShellTask), or "" for the user's own."""
        return obj.__dict__.get("_fm_defined_in") or getattr(type(obj), "_fm_defined_in", None) or ""

    @staticmethod
    def task_name(obj):
        """An explicit task name (Transform(name=...), .with_options(name=...)), else the function's name."""
        explicit = obj.__dict__.get("_fm_explicit") or {}
        if isinstance(explicit.get("name"), str):
            return explicit["name"]
        fn = obj.__dict__.get("_fm_fn")
        if fn is not None and obj.__dict__.get("_fm_kind") is not None:
            return getattr(fn, "__name__", "task")
        name = obj.__dict__.get("name")
        return name if isinstance(name, str) else type(obj).__name__

    @staticmethod
    def function(obj):
        fn = obj.__dict__.get("_fm_fn")
        if fn is not None:
            return fn, False
        run = type(obj).__dict__.get("run") or getattr(type(obj), "run", None)
        return run, True

    def bind(self, obj, args, kwargs):
        fn, drop_self = self.function(obj)
        try:
            signature = inspect.signature(fn)
            if drop_self:
                parameters = list(signature.parameters.values())[1:]
                signature = signature.replace(parameters=parameters)
            bound = signature.bind_partial(*args, **kwargs)
        except (TypeError, ValueError):
            values = {"arg%d" % i: a for i, a in enumerate(args)}
            values.update(kwargs)
            return values
        values = {}
        for name, value in bound.arguments.items():
            kind = signature.parameters[name].kind
            if kind == inspect.Parameter.VAR_KEYWORD:
                values.update(value)
            elif kind == inspect.Parameter.VAR_POSITIONAL:
                for index, item in enumerate(value):
                    values["%s[%d]" % (name, index)] = item
            else:
                values[name] = value
        return values

    # --- data ------------------------------------------------------------------------------

    def sources(self, value, run, depth=0):
        if isinstance(value, Traced):
            return set(value._fm_sources)
        if isinstance(value, self.rt.Anything) and "_fm_flow_run" in value.__dict__:
            return set(value.__dict__["_fm_flow_run"])
        if depth > 5 or value is None or isinstance(value, (str, bytes, int, float, bool)):
            return set()
        if inspect.iscoroutine(value):
            node = run.coroutines.get(id(value)) if run is not None else None
            return {node["id"]} if node is not None else set()
        if isinstance(value, (list, tuple, set, frozenset)):
            return set().union(*(self.sources(v, run, depth + 1) for v in value)) if value else set()
        if isinstance(value, dict):
            return set().union(*(self.sources(v, run, depth + 1) for v in value.values())) if value else set()
        rt = self.rt
        if isinstance(value, rt.StandIn):
            if self._is(value, "Parameter"):
                explicit = value.__dict__.get("_fm_explicit") or {}
                name = explicit.get("name") or (explicit.get("*") or (None,))[0]
                return {"input:%s" % name}
            if self.is_node(value):
                if run is None or not self._is(value, "Task"):
                    return set()  # a task object handed around (not called) is only a node in Prefect 1
                node = run.objects.get(id(value))
                if node is None:
                    node = run.objects[id(value)] = run.new_node(self.task_name(value), self.where(), "call")
                    node["start"] = node["end"] = run.tick()
                return {node["id"]}
            explicit = value.__dict__.get("_fm_explicit") or {}
            return self.sources(list(explicit.values()), run, depth + 1)
        if isinstance(value, rt.Recorded):
            return self.sources(list(value._fm_explicit.values()), run, depth + 1)
        return set()

    def consume(self, value, run, depth=0):
        """A value handed to a task (or returned, or waited on): the futures inside it are resolved."""
        if isinstance(value, Future):
            self.resolve(value._fm_node, run)
        elif depth <= 5 and isinstance(value, (list, tuple, set, frozenset)):
            for item in value:
                self.consume(item, run, depth + 1)
        elif depth <= 5 and isinstance(value, dict):
            for item in value.values():
                self.consume(item, run, depth + 1)
        elif depth <= 5 and isinstance(value, self.rt.StandIn) and not self.is_node(value):
            self.consume(list((value.__dict__.get("_fm_explicit") or {}).values()), run, depth + 1)

    def resolve(self, node, run):
        if node is not None and not node.get("resolved"):
            node["resolved"] = True
            node["end"] = run.tick() if run is not None else node.get("start")

    def order(self, later, earlier, _=True):
        later_node = later._fm_node if isinstance(later, Traced) else None
        run = later._fm_run if isinstance(later, Traced) else None
        if later_node is None or run is None:
            return None
        for source in sorted(self.sources(earlier, run)):
            if source not in later_node["after"] and not source.startswith("input:"):
                later_node["after"].append(source)
        return None

    # --- calls -----------------------------------------------------------------------------

    def record(self, run, target, args, kwargs, kind, mapped=False):
        kwargs = dict(kwargs)
        after = set()
        if self._is(target, "Task"):
            options = {k: kwargs.pop(k) for k in list(kwargs) if k in _PREFECT1_CALL_OPTIONS}
            after |= self.sources(options.get("upstream_tasks"), run)
            if options.get("mapped"):
                mapped = True
        if kind in ("submit", "map") or getattr(target, "_fm_family", None) in ("prefect2", "prefect3"):
            options = {k: kwargs.pop(k) for k in list(kwargs) if k in _SUBMIT_OPTIONS}
            after |= self.sources(options.get("wait_for"), run)
            self.consume(options.get("wait_for"), run)
        values = self.bind(target, args, kwargs)
        inputs = {}
        for name, value in values.items():
            found = self.sources(value, run)
            if found:
                inputs[name] = sorted(found)
            self.consume(value, run)
        node = run.new_node(self.task_name(target), self.where(), kind, mapped)
        node["inputs"] = inputs
        node["after"] = sorted(after - {s for s in after if s.startswith("input:")})
        node["start"] = run.tick()
        fn, _ = self.function(target)
        if kind == "call" and not mapped and inspect.iscoroutinefunction(fn):
            node.update(kind="coroutine", start=None, end=None, awaited=False)
            coroutine = self._coroutine(node, run)
            run.coroutines[id(coroutine)] = node
            return coroutine
        if kind in ("submit", "map"):
            node.update(end=None, resolved=False)
            return Future(self, {node["id"]}, node, run)
        node["end"] = node["start"]
        return Traced(self, {node["id"]}, node, run, self.rt._outputs(target) if self._is(target, "Task") else None)

    async def _coroutine(self, node, run):
        node["awaited"] = True
        node["start"] = run.tick()
        await _Yield()
        node["end"] = run.tick()
        return Traced(self, {node["id"]}, node, run)

    def called(self, target, args, kwargs, result):
        run = self.current()
        if run is None:
            return result
        if type(target).__name__ == "_Mapper":  # flyte.map(task, *iterables, concurrency=...)
            kwargs = dict(kwargs)
            func = kwargs.pop("func") if "func" in kwargs else (args[0] if args else None)
            iterables = args if len(args) and args[0] is not func else args[1:]
            if func is not None and self.is_node(func):
                return self.record(run, func, iterables, {k: v for k, v in kwargs.items() if k not in _MAPPER_OPTIONS},
                                   "call", mapped=True)
            return result
        if isinstance(target, _MapTask):
            return self.record(run, target.task, args, kwargs, "call", mapped=True)
        if not self.is_node(target):
            starts = self.defined_in(target) if isinstance(target, self.rt.StandIn) else ""
            if starts in (_CREATE_FLOW_RUN, _START_FLOW_RUN):
                parameters = self.bind(target, args, kwargs).get("parameters")
                if parameters is None and starts == _START_FLOW_RUN:
                    parameters = (target.__dict__.get("_fm_explicit") or {}).get("parameters")
                return self.flow_run_started(result, parameters, run)
            return result
        return self.record(run, target, args, kwargs, "call")

    def after_call(self, family, name, values, explicit, result):
        run = self.current()
        if run is None:
            return result
        if family == "flytekit" and name in ("map_task", "array_node_map_task"):
            task = values.get("target") or (explicit.get("*") or (None,))[0]
            return _MapTask(self, task) if task is not None else result
        if family.startswith("prefect") and name in _RESOLVERS:
            self.consume(list(explicit.values()), run)
        if family in ("prefect2", "prefect3") and name == "run_deployment":
            return self.flow_run_started(result, values.get("parameters"), run)
        return result

    def flow_run_started(self, result, parameters, run):
        """The run of a child flow (create_flow_run in v1, run_deployment in 2/3): a flow run made from its parameters."""
        if isinstance(result, self.rt.Anything):
            result.__dict__["_fm_flow_run"] = frozenset({_FLOW_RUN} | self.sources(parameters, run))
        return result

    def after_method(self, target, family, owner, name, values, explicit, result):
        run = self.current()
        if family == "prefect1" and isinstance(target, self.rt.StandIn) and self._is_flow(target):
            return self._imperative(target, name, values, result)
        if run is None or not self.is_node(target):
            return result
        args = explicit.get("*", ())
        kwargs = {k: v for k, v in explicit.items() if k != "*"}
        if name == "map":
            if family == "prefect1":
                return self.record(run, target, args, kwargs, "call", mapped=True)
            return self.record(run, target, args, kwargs, "map", mapped=True)
        if name == "submit":
            return self.record(run, target, args, kwargs, "submit")
        return result

    def _is_flow(self, obj):
        flow = self.rt.cls_of("prefect1", "Flow")
        return flow is not None and isinstance(obj, flow)

    def _imperative(self, flow, name, values, result):
        run = self.flow_run(flow)
        task = values.get("task")
        if name not in ("set_dependencies", "add_task") or task is None or not self.is_node(task):
            return result
        (node_id,) = self.sources(task, run)
        node = next(n for n in run.nodes if n["id"] == node_id)
        for key, value in (values.get("keyword_tasks") or {}).items():
            found = self.sources(value, run)
            if found:
                node["inputs"][key] = sorted(found)
        upstream = set()
        for item in values.get("upstream_tasks") or ():
            upstream |= self.sources(item, run)
        node["after"] = sorted(set(node["after"]) | upstream)
        for item in values.get("downstream_tasks") or ():
            for later in self.sources(item, run):
                other = next(n for n in run.nodes if n["id"] == later)
                other["after"] = sorted(set(other["after"]) | {node_id})
        return result

    def enter(self, obj):
        if type(obj).__name__ == "case":
            run = self.current()
            if run is not None:
                explicit = obj.__dict__.get("_fm_explicit") or {}
                positional = explicit.get("*") or ()
                condition = explicit.get("task", positional[0] if positional else None)
                value = explicit.get("value", positional[1] if len(positional) > 1 else None)
                run.control.append(self.sources(condition, run))
                constant = value is None or isinstance(value, (str, bytes, int, float, bool))
                run.arms.append((frozenset(run.control[-1]), repr(value) if constant else None))

    def exit(self, obj):
        if type(obj).__name__ == "case":
            run = self.current()
            if run is not None and run.control:
                run.control.pop()
                run.arms.pop()

    # --- driving a flow function -----------------------------------------------------------

    def drive(self, fn):
        """Runs a flow function with placeholder inputs, once per branch outcome (up to _MAX_RUNS)."""
        try:
            parameters = [p for p in inspect.signature(fn).parameters.values()
                          if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
        except (TypeError, ValueError):
            parameters = []
        runs, pending, seen = [], [[]], set()
        while pending and len(runs) < _MAX_RUNS:
            prefix = pending.pop(0)
            run = Run(prefix)
            inputs = {p.name: Traced(self, {"input:%s" % p.name}, None, run) for p in parameters}
            self.active = run
            try:
                result = fn(**inputs)
                if inspect.iscoroutine(result):
                    result = asyncio.run(result)
                self.consume(result, run)
            except _TooManyDecisions:
                run.error = {"message": "stopped after %d branches on placeholder values" % _MAX_DECISIONS}
            except BaseException as error:  # the flow's own code failed on a placeholder: a partial graph
                run.error = dict({"message": "%s: %s" % (type(error).__name__, error)}, **self._error_line(error))
            finally:
                self.active = None
            runs.append(run.answer())
            for index in range(len(prefix), len(run.taken)):
                branch = tuple(run.taken[:index]) + (True,)
                if branch not in seen:
                    seen.add(branch)
                    pending.append(list(branch))
        return runs

    def _error_line(self, error):
        tb, found = error.__traceback__, {}
        while tb is not None:
            filename = tb.tb_frame.f_code.co_filename
            if filename.startswith(self.prefix) and not any(filename.startswith(d) for d in self.standin_dirs):
                found = {"file": os.path.relpath(filename, self.prefix), "line": tb.tb_lineno}
            tb = tb.tb_next
        return found


class _MapTask:
    """flytekit map_task(task, ...): calling it records one mapped node."""

    def __init__(self, tracer, task):
        self.tracer, self.task = tracer, task

    def __call__(self, *args, **kwargs):
        return self.tracer.called(self, args, kwargs, None)


def _references_tasks(fn, namespace, tracer, depth=0):
    code = getattr(fn, "__code__", None)
    stack = [code] if code is not None else []
    while stack:
        code = stack.pop()
        for name in code.co_names:
            value = namespace.get(name)
            if name == "map" and "flyte" in namespace or tracer.is_node(value):
                return True
        stack.extend(c for c in code.co_consts if inspect.iscode(c))
    return False


def graphs(module, families, tracer, runner_of):
    """The flows `module` defines, each with its recorded runs."""
    rt = tracer.rt
    out = []
    for var, obj in list(vars(module).items()):
        if not isinstance(obj, rt.StandIn) or obj.__dict__.get("_fm_module") != module.__name__:
            continue
        kind, family = obj.__dict__.get("_fm_kind"), obj._fm_family
        fn = obj.__dict__.get("_fm_fn")
        if any(g["variable"] == var for g in out) or any(g.get("_id") == id(obj) for g in out):
            continue
        if family == "flytekit" and kind in ("workflow", "dynamic", "eager"):
            driver = "async" if kind == "eager" else "dag"
            graph = {"name": fn.__name__, "kind": kind, "driver": driver, "parallel": kind != "eager"}
        elif family == "flyte" and kind == "task" and fn is not None and _references_tasks(fn, fn.__globals__, tracer):
            graph = {"name": fn.__name__, "kind": "task", "driver": "async" if inspect.iscoroutinefunction(fn) else "sync",
                     "parallel": False}
        elif family in ("prefect2", "prefect3") and kind == "flow" and fn is not None:
            name = (obj.__dict__.get("_fm_explicit") or {}).get("name") or fn.__name__.replace("_", "-")
            graph = {"name": name, "kind": "flow", "driver": "async" if inspect.iscoroutinefunction(fn) else "sync",
                     "parallel": False}
        elif family == "prefect1" and tracer._is_flow(obj):
            explicit = obj.__dict__.get("_fm_explicit") or {}
            executor = obj.__dict__.get("executor") if "executor" in obj.__dict__ else explicit.get("executor")
            graph = {"name": explicit.get("name") or (explicit.get("*") or ("flow",))[0], "kind": "flow", "driver": "dag",
                     "parallel": not runner_of(executor, "prefect1").startswith("sequential"),
                     "runs": [tracer.flow_run(obj).answer()]}
        else:
            continue
        graph.update(variable=var, family=family, _id=id(obj))
        if "runs" not in graph:
            graph["runs"] = tracer.drive(fn)
        out.append(graph)
    for graph in out:
        graph.pop("_id", None)
    return out
