"""What a module declares, read from the recording stand-ins after it was imported (child side).

Every setting becomes one flat key with a canonical string value, so the old and the new module
can be compared key by key (the comparison itself happens in flowmigrate's C# BehaviourChecker):

  Flyte  (task / workflow, keyed by function name): environment, image, resources.<cpu|memory|gpu|disk|shm>.<request|limit>
         (as the pod gets them: an unset request or limit takes the other's value), env_vars, secrets, cache.enabled,
         cache.version, cache.serialize, cache.ignored_inputs (only when caching is on), retries, timeout,
         interruptible, trigger[<name>].schedule / .inputs / .auto_activate, launch_plan[<variable>].inputs
  Prefect flow (keyed by flow name): parameter[<p>].default / .required, task_runner, schedule[<i>],
         schedule[<i>].parameters
  Prefect task (keyed by module variable): name, retries, retry_delay, timeout, cache.expiration, cache.key, tags;
         a Prefect 1 Task instance also gives its "class" (beside the settings), and its name defaults to it
"""

import datetime
import functools
import inspect
import re

_CRON_ALIASES = {
    "hourly": "0 * * * *", "hours": "0 * * * *", "@hourly": "0 * * * *",
    "daily": "0 0 * * *", "days": "0 0 * * *", "@daily": "0 0 * * *",
    "weekly": "0 0 * * 0", "weeks": "0 0 * * 0", "@weekly": "0 0 * * 0",
    "monthly": "0 0 1 * *", "months": "0 0 1 * *", "@monthly": "0 0 1 * *",
    "yearly": "0 0 1 1 *", "annually": "0 0 1 1 *", "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *",
}
_RUNNERS = {
    "LocalExecutor": "sequential", "SequentialTaskRunner": "sequential", "PrefectTaskRunner": "sequential",
    "LocalDaskExecutor": "threads", "ConcurrentTaskRunner": "threads", "ThreadPoolTaskRunner": "threads",
    "ProcessPoolTaskRunner": "processes", "DaskExecutor": "dask", "DaskTaskRunner": "dask", "RayTaskRunner": "ray",
}


def _rt():
    import _flowmigrate_rt
    return _flowmigrate_rt


def canon(value):
    """A stable text for a setting value; None for "not set"."""
    rt = _rt()
    if value is None or isinstance(value, rt.Default):
        return None
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return value
    if isinstance(value, datetime.timedelta):
        return "%ss" % canon(value.total_seconds())
    if isinstance(value, dict):
        return "{%s}" % ", ".join("%s: %s" % (k, canon(v)) for k, v in sorted(value.items(), key=lambda kv: str(kv[0])))
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [canon(v) for v in value]
        if isinstance(value, (set, frozenset)):
            items.sort()
        return "[%s]" % ", ".join("None" if i is None else i for i in items)
    if _is_trigger_time(value):
        return "<trigger time>"
    if callable(value) and hasattr(value, "__name__") and not isinstance(value, (rt.StandIn, rt.Anything)):
        return "%s.%s" % (getattr(value, "__module__", "?"), value.__qualname__)
    return repr(value)


def _is_trigger_time(value):
    return "TriggerTime" in getattr(value, "_fm_what", "") or "_trigger_time" in type(value).__name__


def _explicit(obj):
    return dict(getattr(obj, "__dict__", {}).get("_fm_explicit") or {})


def _class(obj):
    rt = _rt()
    if isinstance(obj, rt.Recorded):
        return obj._fm_call.rsplit(".", 1)[-1] if "." not in obj._fm_call else obj._fm_call
    return type(obj).__name__ if isinstance(obj, rt.StandIn) else None


def _arg(obj, name, position=None):
    explicit = _explicit(obj)
    if name in explicit:
        return explicit[name]
    star = explicit.get("*", ())
    if position is not None and position < len(star):
        return star[position]
    values = getattr(obj, "__dict__", {}).get("_fm_values") or {}
    value = values.get(name)
    return None if isinstance(value, _rt().Default) else value


def _seconds(value):
    if value is None:
        return None
    if isinstance(value, datetime.timedelta):
        return canon(value.total_seconds())
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return canon(float(value))
    if _class(value) == "Timeout":
        return _seconds(_arg(value, "max_runtime", 0))
    return canon(value)


def _put(settings, key, value):
    text = value if isinstance(value, str) or value is None else canon(value)
    if text is not None:
        settings[key] = text


# --- Flyte ----------------------------------------------------------------------------------

def _resources_into(settings, resources, slot):
    """flytekit Resources (requests/limits/resources) and flyte Resources -> resources.<field>.<slot>."""
    if resources is None or not _class(resources):
        return
    for field, target in (("cpu", "cpu"), ("mem", "memory"), ("memory", "memory"), ("gpu", "gpu"),
                          ("ephemeral_storage", "disk"), ("disk", "disk"), ("shm", "shm")):
        value = _explicit(resources).get(field)
        if value is None:
            continue
        if target == "gpu" and _class(value) in ("GPU", "Device"):
            device = _arg(value, "device", 0 if _class(value) == "GPU" else 2)
            quantity = _arg(value, "quantity", 1 if _class(value) == "GPU" else 0)
            partition = _arg(value, "partition", 2 if _class(value) == "GPU" else 3)
            value = "%s:%s" % (device, canon(quantity) or "1") + ("" if partition is None else " partition=%s" % partition)
        if isinstance(value, (tuple, list)) and len(value) == 2 and slot == "pair":
            _put(settings, "resources.%s.request" % target, canon(value[0]))
            _put(settings, "resources.%s.limit" % target, canon(value[1]))
        else:
            _put(settings, "resources.%s.%s" % (target, "request" if slot == "pair" else slot), canon(value))


def _effective_resources(settings):
    """A request without a limit, or a limit without a request, as the pod gets it: Flyte's Kubernetes plugin gives the
    unset one the other's value (flyteplugins/go/tasks/pluginmachinery/flytek8s/container_helper.go,
    AdjustOrDefaultResource: "using the Request when the Limit is unset, and vice versa"). Tasks of both SDKs run through
    it, so flytekit's limits=Resources(mem="1Gi") and flyte's Resources(memory="1Gi"), which Flyte 2 sends as a request
    only, both give a 1Gi request and a 1Gi limit."""
    for key in [k for k in settings if k.startswith("resources.")]:
        field, slot = key.rsplit(".", 1)
        other = field + (".limit" if slot == "request" else ".request")
        if slot in ("request", "limit") and other not in settings:
            settings[other] = settings[key]


_ACCELERATORS = {"L40S": "L40s", "A100_80GB": "A100 80G", "RTX_PRO_6000": "RTX PRO 6000"}


def _accelerator_into(settings, accelerator):
    """flytekit accelerator=T4 with gpu=1 -> resources.gpu.request = "T4:1" (Flyte 2's gpu literal)."""
    if accelerator is None:
        return
    what = getattr(accelerator, "_fm_what", None) or canon(accelerator)
    parts = str(what).split(".")
    name = parts[-1]
    partition = None
    if name.startswith("partition_") and len(parts) > 1:
        partition, name = name[len("partition_"):].replace("_", "."), parts[-2]
    device = _ACCELERATORS.get(name, name)
    count = settings.get("resources.gpu.request") or settings.get("resources.gpu.limit") or "1"
    settings["resources.gpu.request"] = "%s:%s" % (device, count) + ("" if partition is None else " partition=%s" % partition)
    settings.pop("resources.gpu.limit", None)


def _secrets(value):
    if value is None:
        return None
    items = value if isinstance(value, (list, tuple)) else [value]
    names = []
    for item in items:
        if isinstance(item, str):
            names.append(item)
        else:
            group, key = _arg(item, "group"), _arg(item, "key")
            names.append("%s:%s" % (group, key) if group else str(key))
    return "[%s]" % ", ".join(sorted(names))


_PLUGIN_RENAMES = {"kfpytorch": "pytorch"}


def _packages(items):
    out = []
    for item in items or ():
        text = str(item).strip()
        lowered = text.lower()
        if lowered in ("flytekit", "flyte") or lowered.startswith(("flytekit==", "flytekit>=", "flyte==", "flyte>=")):
            continue
        if lowered.startswith("flytekitplugins-"):
            # A flytekitplugins pin follows flytekit's versions, which the Flyte 2 package does not share: only the name carries over.
            plugin = re.match(r"[a-z0-9._-]+", lowered[len("flytekitplugins-"):]).group(0)
            text = "flyteplugins-" + _PLUGIN_RENAMES.get(plugin, plugin)
        out.append(text)
    return sorted(out)


def _python_version(value):
    if isinstance(value, (tuple, list)):
        return ".".join(str(v) for v in value)
    return None if value is None else str(value)


_IMAGE_REF = re.compile(r"^\{\{\s*\.image\.(\w+)\.fqn\s*\}\}(?::\{\{\s*\.image\.\1\.version\s*\}\})$")


def _image_into(settings, value):
    """A task image -> image (a plain reference) or image.<name|registry|python|base|ref|pip_packages|...>."""
    rt = _rt()
    if value is None or value == "auto" or isinstance(value, rt.Default):
        return
    if isinstance(value, str):
        ref = _IMAGE_REF.match(value)
        if ref:
            # flytekit's config-resolved image ("{{.image.NAME.fqn}}:{{.image.NAME.version}}") is Flyte 2's from_ref_name
            settings["image.ref"] = canon(ref.group(1))
        else:
            settings["image"] = value
        return
    if not isinstance(value, rt.StandIn):
        settings["image"] = canon(value)
        return
    spec = _image_spec(value, rt)
    if "pip_packages" in spec:
        spec["pip_packages"] = _packages(spec["pip_packages"])
    if "apt_packages" in spec:
        spec["apt_packages"] = sorted(spec["apt_packages"])
    if "base" in spec and len(spec) == 1:
        settings["image"] = spec["base"]  # Image.from_base("uri") is the same image as "uri"
        return
    for key, item in spec.items():
        if item not in (None, [], {}):
            settings["image." + key] = canon(item)


def _image_spec(value, rt):
    """What an ImageSpec or flyte.Image chain puts in the image: name, registry, python, base, ref, packages, env vars..."""
    chain = value.__dict__.get("_fm_chain") or [("__init__", _explicit(value))]
    spec = {}
    kind = type(value).__name__
    for step, explicit in chain:
        star = list(explicit.get("*", ()))
        if kind == "ImageSpec" and step in ("__init__", "from_env"):
            base = explicit.get("base_image")
            if isinstance(base, rt.StandIn) and type(base).__name__ == "ImageSpec":
                # An ImageSpec built on another: flytekit builds the base first, so the image has both specs' packages,
                # environment and commands (the base's name is the intermediate image's, not this one's).
                parent = _image_spec(base, rt)
                parent.pop("name", None)
                spec.update(parent)
            for key in ("name", "registry", "requirements"):
                if explicit.get(key) is not None:
                    spec[key] = explicit[key]
            if explicit.get("python_version") is not None:
                spec["python"] = _python_version(explicit["python_version"])
            if isinstance(base, str):
                spec["base"] = base
            spec["pip_packages"] = spec.get("pip_packages", []) + list(explicit.get("packages") or [])
            spec["apt_packages"] = spec.get("apt_packages", []) + list(explicit.get("apt_packages") or [])
            if explicit.get("env"):
                spec["env_vars"] = dict(spec.get("env_vars") or {}, **explicit["env"])
            if explicit.get("commands"):
                spec["commands"] = spec.get("commands", []) + list(explicit["commands"])
        elif step in ("from_debian_base", "clone"):
            for key in ("name", "registry"):
                if explicit.get(key) is not None:
                    spec[key] = explicit[key]
            if explicit.get("python_version") is not None:
                spec["python"] = _python_version(explicit["python_version"])
            if explicit.get("base_image") is not None:
                spec["base"] = explicit["base_image"]
        elif step == "from_base":
            spec["base"] = star[0] if star else explicit.get("image_uri")
        elif step == "from_ref_name":
            spec["ref"] = (star[0] if star else explicit.get("name")) or "default"
        elif step in ("with_pip_packages", "with_packages"):
            spec["pip_packages"] = spec.get("pip_packages", []) + list(star or explicit.get("packages") or [])
        elif step == "with_apt_packages":
            spec["apt_packages"] = spec.get("apt_packages", []) + list(star or explicit.get("packages") or [])
        elif step == "with_env_vars":
            spec.setdefault("env_vars", {}).update(explicit.get("env_vars") or (star[0] if star else {}))
        elif step == "with_requirements":
            spec["requirements"] = explicit.get("file") or (star[0] if star else None)
        elif step == "with_commands":
            spec["commands"] = spec.get("commands", []) + list(explicit.get("commands") or (star[0] if star else []))
        else:
            spec.setdefault("other", []).append(step)
    return spec


def _cache_flytekit(settings, config):
    cache = config.get("cache")
    if cache is True or _class(cache) == "Cache":
        settings["cache.enabled"] = "True"
        if _class(cache) == "Cache":
            _put(settings, "cache.version", _arg(cache, "version"))
            _put(settings, "cache.serialize", _arg(cache, "serialize") or None)
            _put(settings, "cache.ignored_inputs", _tuple(_arg(cache, "ignored_inputs")))
    if "cache.enabled" not in settings:
        # flytekit caches only with cache=True: a cache_version beside cache=False (or no cache) changes nothing.
        return
    _put(settings, "cache.version", config.get("cache_version"))
    _put(settings, "cache.serialize", config.get("cache_serialize") or None)
    _put(settings, "cache.ignored_inputs", _tuple(config.get("cache_ignore_input_vars")))


def _tuple(value):
    if value is None or value == () or value == []:
        return None
    if isinstance(value, str):
        value = (value,)
    return canon(sorted(value))


def _cache_flyte(settings, cache):
    if cache is None:
        return
    if isinstance(cache, str):
        behavior = cache
    elif _class(cache) == "Cache":
        behavior = _arg(cache, "behavior", 0)
        _put(settings, "cache.version", _arg(cache, "version_override"))
        _put(settings, "cache.serialize", _arg(cache, "serialize") or None)
        _put(settings, "cache.ignored_inputs", _tuple(_arg(cache, "ignored_inputs")))
    else:
        return
    if str(behavior).lower() in ("auto", "override", "enable", "on", "true"):
        settings["cache.enabled"] = "True"


def _schedule_flytekit(schedule):
    kind = _class(schedule)
    if kind == "CronSchedule":
        expression = _arg(schedule, "schedule") or _arg(schedule, "cron_expression", 0)
        return "cron %s" % _CRON_ALIASES.get(str(expression), expression), _arg(schedule, "kickoff_time_input_arg")
    if kind == "FixedRate":
        duration = _arg(schedule, "duration", 0)
        minutes = canon(duration.total_seconds() / 60) if isinstance(duration, datetime.timedelta) else canon(duration)
        return "every %s min" % minutes, _arg(schedule, "kickoff_time_input_arg")
    return canon(schedule), None


def _schedule_flyte(automation):
    kind = _class(automation)
    if kind == "Cron":
        expression = _arg(automation, "expression", 0)
        timezone = _arg(automation, "timezone", 1)
        text = "cron %s" % _CRON_ALIASES.get(str(expression), expression)
        return text + ("" if timezone in (None, "UTC") else " tz=%s" % timezone)
    if kind == "FixedRate":
        return "every %s min" % canon(_arg(automation, "interval_minutes", 0))
    return canon(automation)


def _flyte_entities(namespace, module_name, rt, family):
    entities = []
    seen = set()
    plans = [(k, v) for k, v in namespace.items() if _class(v) == "LaunchPlan"]
    # Flyte 2 spelling of a launch plan without schedule: a module-level functools.partial of the task with its default inputs.
    partials = [(k, v) for k, v in namespace.items() if isinstance(v, functools.partial) and not v.args]
    for var, obj in namespace.items():
        if not isinstance(obj, rt.StandIn) or id(obj) in seen:
            continue
        kind = obj.__dict__.get("_fm_kind")
        if kind is None or obj.__dict__.get("_fm_module") != module_name:
            continue
        seen.add(id(obj))
        config = _explicit(obj)
        settings = {}
        if family == "flytekit":
            _image_into(settings, config.get("container_image"))
            _resources_into(settings, config.get("requests"), "request")
            _resources_into(settings, config.get("limits"), "limit")
            _resources_into(settings, config.get("resources"), "pair")
            _accelerator_into(settings, config.get("accelerator"))
            if config.get("shared_memory") is not None:
                _put(settings, "resources.shm.request", "auto" if config["shared_memory"] is True else config["shared_memory"])
            _effective_resources(settings)
            _put(settings, "env_vars", config.get("environment") or None)
            _put(settings, "secrets", _secrets(config.get("secret_requests")))
            _cache_flytekit(settings, config)
            _put(settings, "retries", config.get("retries") or None)
            _put(settings, "timeout", _seconds(config.get("timeout") or None))
            _put(settings, "interruptible", config.get("interruptible") or None)
            for plan_var, plan in plans:
                if plan.__dict__.get("_fm_explicit", {}).get("workflow") is not obj:
                    continue
                _launch_plan_into(settings, plan, obj, plan_var)
        else:
            env = obj.__dict__.get("_fm_env")
            env_config = _explicit(env) if env is not None else {}
            _put(settings, "environment", _arg(env, "name", 0) if env is not None else None)
            _image_into(settings, env_config.get("image"))
            _resources_into(settings, env_config.get("resources"), "pair")
            _resources_into(settings, config.get("resources"), "pair")
            _effective_resources(settings)
            _put(settings, "env_vars", config.get("env_vars") or env_config.get("env_vars") or None)
            _put(settings, "secrets", _secrets(config.get("secrets") or env_config.get("secrets")))
            _cache_flyte(settings, config.get("cache") if config.get("cache") is not None else env_config.get("cache"))
            retries = config.get("retries")
            if _class(retries) == "RetryStrategy":
                retries = _arg(retries, "count", 0)
            _put(settings, "retries", retries or None)
            _put(settings, "timeout", _seconds(config.get("timeout") or None))
            interruptible = config.get("interruptible")
            _put(settings, "interruptible", (interruptible if interruptible is not None else env_config.get("interruptible")) or None)
            triggers = config.get("triggers") or ()
            for trigger in triggers if isinstance(triggers, (list, tuple)) else (triggers,):
                name = _arg(trigger, "name", 0)
                prefix = "trigger[%s]" % name
                _put(settings, prefix + ".schedule", _schedule_flyte(_arg(trigger, "automation", 1)))
                _put(settings, prefix + ".inputs", _arg(trigger, "inputs") or None)
                active = _arg(trigger, "auto_activate")
                settings[prefix + ".auto_activate"] = canon(True if active is None else active)
            for plan_var, plan in partials:
                if plan.func is obj:
                    _put(settings, "launch_plan[%s].inputs" % plan_var, dict(plan.keywords) or "{}")
        entities.append({"kind": kind if kind in ("workflow", "dynamic", "eager") else "task", "name": obj.__dict__.get("__name__", var),
                         "variable": var, "settings": settings})
    return entities


def _launch_plan_into(settings, plan, workflow, variable):
    config = _explicit(plan)
    name = config.get("name") or workflow.__dict__.get("__name__")
    inputs = dict(config.get("default_inputs") or {})
    inputs.update(config.get("fixed_inputs") or {})
    schedule = config.get("schedule")
    if schedule is None:
        # Keyed by the module variable callers use: Flyte 2 has no launch plan names outside triggers.
        _put(settings, "launch_plan[%s].inputs" % variable, inputs or "{}")
        return
    text, kickoff = _schedule_flytekit(schedule)
    if kickoff:
        inputs[kickoff] = "<trigger time>"
    prefix = "trigger[%s]" % name
    _put(settings, prefix + ".schedule", text)
    _put(settings, prefix + ".inputs", {k: ("<trigger time>" if v == "<trigger time>" else v) for k, v in inputs.items()} or None)
    settings[prefix + ".auto_activate"] = canon(bool(config.get("auto_activate")))


# --- Prefect --------------------------------------------------------------------------------

def _runner(value, family):
    if value is None:
        return "sequential" if family == "prefect1" else "threads"
    kind = _class(value) or type(value).__name__
    if isinstance(value, type):
        kind = value.__name__
    category = _RUNNERS.get(kind, kind)
    if kind == "LocalDaskExecutor" and _arg(value, "scheduler", 0) in ("processes", "multiprocessing"):
        category = "processes"
    workers = None if isinstance(value, type) else (_arg(value, "num_workers") or _arg(value, "max_workers", 0))
    if workers == 1 and category in ("threads", "processes", "dask"):
        return "sequential"  # one worker runs submitted tasks one after another, as LocalExecutor did
    return category + ("" if workers is None else " workers=%s" % canon(workers))


def _schedules_prefect1(schedule):
    out = []
    if schedule is None:
        return out
    kind = _class(schedule)
    if kind == "Schedule":
        for clock in _arg(schedule, "clocks", 0) or ():
            out.extend(_schedules_prefect1(clock))
        return out
    if kind in ("CronSchedule", "CronClock"):
        out.append(("cron %s" % _arg(schedule, "cron", 0), _arg(schedule, "parameter_defaults")))
    elif kind in ("IntervalSchedule", "IntervalClock"):
        interval = _arg(schedule, "interval", 1 if kind == "IntervalSchedule" else 0)
        out.append(("interval %s" % _seconds(interval), _arg(schedule, "parameter_defaults")))
    elif kind in ("RRuleSchedule", "RRuleClock"):
        out.append(("rrule %s" % canon(_arg(schedule, "rrule_obj", 0)), _arg(schedule, "parameter_defaults")))
    else:
        out.append((canon(schedule), None))
    return out


def _schedule_modern(item):
    kind = _class(item) or ""
    short = kind.rsplit(".", 1)[-1]
    params = _arg(item, "parameters")
    if short in ("Cron", "CronSchedule"):
        text = "cron %s" % _arg(item, "cron", 0)
    elif short in ("Interval", "IntervalSchedule"):
        text = "interval %s" % _seconds(_arg(item, "interval", 0))
    elif short in ("RRule", "RRuleSchedule"):
        text = "rrule %s" % _arg(item, "rrule", 0)
    elif short == "Schedule":
        for key in ("cron", "interval", "rrule"):
            value = _arg(item, key)
            if value is not None:
                text = "%s %s" % (key, _seconds(value) if key == "interval" else value)
                break
        else:
            text = canon(item)
    elif short in ("DeploymentScheduleCreate", "MinimalDeploymentSchedule"):
        return _schedule_modern(_arg(item, "schedule", 0))
    else:
        text = canon(item)
    return text, params


def _schedules_modern(deployment):
    out = []
    parameters = deployment.get("parameters") or {}
    for key in ("cron", "interval", "rrule"):
        value = deployment.get(key)
        if value is None:
            continue
        for item in value if isinstance(value, (list, tuple)) else [value]:
            out.append(("%s %s" % (key, _seconds(item) if key == "interval" else item), None))
    single = deployment.get("schedule")
    items = list(deployment.get("schedules") or []) + ([single] if single is not None else [])
    for item in items:
        out.append(_schedule_modern(item))
    merged = []
    for text, params in out:
        combined = dict(parameters)
        combined.update(params or {})
        merged.append((text, combined or None))
    return merged


def _prefect_entities(namespace, module_name, rt, family):
    entities = _prefect_entities_by_first_name(namespace, module_name, rt, family)
    # Other module names of the same object (`numbers = get_numbers`, a converted Task instance): the comparison matches an
    # old entity's variable against these too.
    names = {}
    for var, obj in namespace.items():
        if isinstance(obj, rt.StandIn):
            names.setdefault(id(obj), []).append(var)
    for entity, obj in entities:
        aliases = [v for v in names.get(id(obj), ()) if v != entity["variable"]]
        if aliases:
            entity["aliases"] = aliases
    return [entity for entity, _ in entities]


def _prefect_entities_by_first_name(namespace, module_name, rt, family):
    entities = []
    seen = set()
    for var, obj in namespace.items():
        if not isinstance(obj, rt.StandIn) or id(obj) in seen or obj.__dict__.get("_fm_module") != module_name:
            continue
        kind = _class(obj)
        if family == "prefect1" and rt.cls_of("prefect1", "Flow") and isinstance(obj, rt.cls_of("prefect1", "Flow")):
            seen.add(id(obj))
            settings = {}
            for parameter in obj.__dict__.get("_fm_parameters", []):
                pname = _arg(parameter, "name", 0)
                explicit = _explicit(parameter)
                has_default = "default" in explicit or len(explicit.get("*", ())) > 1
                default = _arg(parameter, "default", 1) if has_default else None
                required = explicit.get("required")
                if required is None:
                    required = not has_default
                if not required:
                    settings["parameter[%s].default" % pname] = canon(default) if default is not None else "None"
                settings["parameter[%s].required" % pname] = canon(bool(required))
            executor = obj.__dict__.get("executor") if "executor" in obj.__dict__ else _arg(obj, "executor")
            settings["task_runner"] = _runner(executor, family)
            schedule = obj.__dict__.get("schedule") if "schedule" in obj.__dict__ else _arg(obj, "schedule")
            _schedules_into(settings, _schedules_prefect1(schedule))
            # `flow.name = ...` after the Flow was made (a copied template's own name) is the name v1 registered
            name = obj.__dict__.get("name") if isinstance(obj.__dict__.get("name"), str) else _arg(obj, "name", 0)
            entities.append(({"kind": "flow", "name": name, "variable": var, "settings": settings}, obj))
        elif family == "prefect1" and rt.cls_of("prefect1", "Task") and isinstance(obj, rt.cls_of("prefect1", "Task")) \
                and not isinstance(obj, rt.cls_of("prefect1", "Parameter")):
            seen.add(id(obj))
            config = _explicit(obj)
            settings = {}
            instance = obj.__dict__.get("_fm_kind") != "task"
            # Task.__init__: `self.name = name or type(self).__name__`
            _put(settings, "name", config.get("name") or obj.__dict__.get("name") or (type(obj).__name__ if instance else None))
            _put(settings, "retries", config.get("max_retries") or None)
            _put(settings, "retry_delay", _seconds(config.get("retry_delay")))
            _put(settings, "timeout", _seconds(config.get("timeout")))
            _put(settings, "cache.expiration", _seconds(config.get("cache_for")))
            _put(settings, "cache.key", config.get("cache_key") or config.get("cache_validator"))
            _put(settings, "tags", sorted(config.get("tags")) if config.get("tags") else None)
            entity = {"kind": "task", "name": var, "variable": var, "settings": settings}
            if instance:
                entity["class"] = type(obj).__name__  # an instance of a Task class (task library or the project's)
            entities.append((entity, obj))
        elif obj.__dict__.get("_fm_kind") == "flow":
            seen.add(id(obj))
            config = _explicit(obj)
            fn = obj.__dict__.get("_fm_fn")
            settings = {}
            try:
                signature = inspect.signature(fn)
            except (TypeError, ValueError):
                signature = None
            for parameter in (signature.parameters.values() if signature else ()):
                if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
                    continue
                required = parameter.default is parameter.empty
                if not required:
                    settings["parameter[%s].default" % parameter.name] = canon(parameter.default) if parameter.default is not None else "None"
                settings["parameter[%s].required" % parameter.name] = canon(required)
            settings["task_runner"] = _runner(config.get("task_runner"), family)
            schedules = []
            for deployment in obj.__dict__.get("_fm_deployments", []):
                schedules.extend(_schedules_modern(deployment))
            _schedules_into(settings, schedules)
            name = config.get("name") or fn.__name__.replace("_", "-")
            entities.append(({"kind": "flow", "name": name, "variable": var, "settings": settings}, obj))
        elif obj.__dict__.get("_fm_kind") == "task":
            seen.add(id(obj))
            config = _explicit(obj)
            settings = {}
            _put(settings, "name", config.get("name") or obj.__dict__.get("__name__"))
            _put(settings, "retries", config.get("retries") or None)
            delay = config.get("retry_delay_seconds")
            _put(settings, "retry_delay", canon([float(d) for d in delay]) if isinstance(delay, (list, tuple)) else _seconds(delay))
            _put(settings, "timeout", _seconds(config.get("timeout_seconds")))
            _put(settings, "cache.expiration", _seconds(config.get("cache_expiration")))
            _put(settings, "cache.key", config.get("cache_key_fn") or config.get("cache_policy"))
            _put(settings, "tags", sorted(config.get("tags")) if config.get("tags") else None)
            entities.append(({"kind": "task", "name": var, "variable": var, "settings": settings}, obj))
    return entities


def _schedules_into(settings, schedules):
    for index, (text, params) in enumerate(sorted(schedules, key=lambda s: (str(s[0]), canon(s[1]) or ""))):
        settings["schedule[%d]" % index] = text
        if params:
            settings["schedule[%d].parameters" % index] = canon(params)


def describe(module, families):
    rt = _rt()
    namespace = dict(vars(module))
    name = module.__name__
    entities = []
    for family in families:
        if family in ("flytekit", "flyte"):
            entities.extend(_flyte_entities(namespace, name, rt, family))
        elif family.startswith("prefect"):
            entities.extend(_prefect_entities(namespace, name, rt, family))
    return entities
