"""flowmigrate's Python worker: JSON lines over stdin/stdout, standard library only.

Each request is one line: {"id": N, "op": "<name>", ...}. Each answer is one line:
{"id": N, "ok": true, "result": {...}} or {"id": N, "ok": false, "error": {"type", "message"}}.
A syntax error in the code being parsed is a result ({"syntax_error": {...}}), not an error.

Positions sent back are UTF-16 offsets into the text the request carried (C# strings count
UTF-16 units; CPython's col_offset counts UTF-8 bytes, tokenize counts code points). The
conversion happens here, once, in Positions.
"""

import _symtable
import ast
import bisect
import gc
import io
import json
import operator
import os
import re
import sys
import time
import tokenize
import warnings

PROTOCOL = 2
_NEWLINE = re.compile(r"\r\n|\r|\n")
_OPERATOR_BASES = (ast.operator, ast.boolop, ast.cmpop, ast.unaryop, ast.expr_context)


def _utf16_len(text):
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le")) // 2


class Positions:
    """Converts CPython positions to UTF-16 offsets into the text."""

    def __init__(self, text):
        self.text = text
        starts = [0]
        for match in _NEWLINE.finditer(text):
            starts.append(match.end())
        self.char_starts = starts
        self.ascii = text.isascii()
        if self.ascii:
            # The common case: bytes, code points and UTF-16 units coincide.
            self.u16_starts = starts
            self.line_ascii = None
        else:
            u16 = [0]
            flags = []
            for i in range(1, len(starts) + 1):
                line = text[starts[i - 1]:starts[i]] if i < len(starts) else text[starts[i - 1]:]
                flags.append(line.isascii())
                if i < len(starts):
                    u16.append(u16[-1] + _utf16_len(line))
            self.u16_starts = u16
            self.line_ascii = flags
        self._line_bytes = {}
        self._last = len(starts) - 1

    def _index(self, lineno):
        return min(max(lineno, 1) - 1, self._last)

    def _line(self, index):
        start = self.char_starts[index]
        end = self.char_starts[index + 1] if index < self._last else len(self.text)
        return self.text[start:end]

    def from_bytes(self, lineno, byte_col):
        """(1-based line, UTF-8 byte column) -> UTF-16 offset."""
        index = self._index(lineno)
        if self.line_ascii is None or self.line_ascii[index]:
            return self.u16_starts[index] + byte_col
        encoded = self._line_bytes.get(index)
        if encoded is None:
            encoded = self._line_bytes[index] = self._line(index).encode("utf-8")
        prefix = encoded[:byte_col].decode("utf-8", errors="replace")
        return self.u16_starts[index] + _utf16_len(prefix)

    def from_chars(self, lineno, char_col):
        """(1-based line, code point column) -> UTF-16 offset."""
        index = self._index(lineno)
        if self.line_ascii is None or self.line_ascii[index]:
            return self.u16_starts[index] + char_col
        return self.u16_starts[index] + _utf16_len(self._line(index)[:char_col])


def _constant(value):
    """A constant's (value type, value text)."""
    if isinstance(value, bool):
        return "bool", repr(value)
    if value is None:
        return "none", "None"
    if isinstance(value, str):
        return "str", value
    if isinstance(value, int):
        return "int", repr(value)
    if isinstance(value, float):
        return "float", repr(value)
    if isinstance(value, complex):
        return "complex", repr(value)
    if isinstance(value, bytes):
        return "bytes", repr(value)
    if value is Ellipsis:
        return "ellipsis", "..."
    return type(value).__name__, repr(value)


_SKIPPED_FIELDS = frozenset(("type_comment", "kind"))
_CONSTANT_FIELDS = ("vt", "v")


def _ast_classes():
    seen = []
    pending = [ast.AST]
    while pending:
        cls = pending.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.append(sub)
                pending.append(sub)
    return seen


# Operators and expression contexts travel as their names; every other class as a kind with its fields, fetched in
# one call for the trees ast.parse builds, where every field is set.
_OPERATOR_NAMES = {cls: cls.__name__ for cls in _ast_classes() if issubclass(cls, _OPERATOR_BASES)}


def _no_fields(node):
    return ()


def _kind_spec(cls):
    """(field names, getter of the tuple of field values, whether the kind has a position) of a node class."""
    fields = _CONSTANT_FIELDS if cls is ast.Constant else tuple(f for f in cls._fields if f not in _SKIPPED_FIELDS)
    if len(fields) > 1:
        getter = operator.attrgetter(*fields)
    elif fields:
        only = operator.attrgetter(fields[0])

        def getter(node):
            return (only(node),)
    else:
        getter = _no_fields
    return fields, getter, "lineno" in cls._attributes


_KIND_SPECS = {}


def _encode(tree, positions):
    """ast tree -> {"kinds": [...], "tree": node} (protocol 2), compact JSON-ready lists.

    A node is [kind index, start, end, field values...]: the kind table ("kinds": [name, [field names]] in order of
    first use, always before "tree") names the kind and its fields; start and end are UTF-16 offsets, null for kinds
    CPython gives no position (arguments, withitem, comprehension, match_case: the reader derives their span from the
    children); a field value is a node, a list, a string, or null when absent (None or an empty list), and trailing
    nulls are left out. Operators become their names; Constant's fields are its value type and text. A node is told
    from a list by its first element, the kind index, which is always a number.

    Each node class has an encoder generated from its ASDL signature (_ENCODER_FACTORIES), bound per request to the
    kind index and line table: one Python call per node, no per-field dispatch."""
    if _ENCODER_FACTORIES is None:
        return _encode_generic(tree, positions)
    kinds = []
    encoders = {}
    known = encoders.get
    line_starts = [0]
    line_starts.extend(positions.u16_starts)
    from_bytes = None if positions.line_ascii is None else positions.from_bytes

    def new_encoder(cls):
        factory = _ENCODER_FACTORIES.get(cls)
        if factory is None:
            raise _Unencodable(cls.__name__)
        fields, make = factory
        encoder = encoders[cls] = make(len(kinds), line_starts, from_bytes, known, new_encoder, _OPERATOR_NAMES, _constant)
        kinds.append([cls.__name__, list(fields)])
        return encoder

    try:
        root = new_encoder(tree.__class__)(tree)
    except (_Unencodable, AttributeError, KeyError, TypeError, IndexError):
        # A class without a signature, or a tree unlike the ones ast.parse builds: field by field then.
        return _encode_generic(tree, positions)
    return {"kinds": kinds, "tree": root}


def _scalar(value):
    """A scalar field value as the generic encoder writes it."""
    if value is None or value.__class__ is str:
        return value
    return str(value) if isinstance(value, int) else repr(value)


class _Unencodable(Exception):
    """A node class without a generated encoder."""


_SIGNATURE = re.compile(r"^(\w+)(?:\((.*)\))?$")
_OPERATOR_TYPES = frozenset(("expr_context", "operator", "boolop", "unaryop", "cmpop"))
_SCALAR_TYPES = frozenset(("identifier", "string", "int", "constant"))


def _signature(cls):
    """{field: (ASDL type, quantifier "", "?" or "*")} from the class's docstring, or None."""
    match = _SIGNATURE.match((cls.__doc__ or "").strip().split("\n")[0])
    if match is None or match.group(1) != cls.__name__:
        return None
    types = {}
    for part in (match.group(2) or "").split(","):
        part = part.strip()
        if not part:
            continue
        kind, _, name = part.rpartition(" ")
        quantifier = kind[-1] if kind[-1] in "*?" else ""
        types[name] = (kind.rstrip("*?"), quantifier)
    return types


def _value_source(name, kind, quantifier, slot):
    """Python source for one field's encoded value (node is "n", slot a fresh variable name)."""
    child = "(known(%s.__class__) or new(%s.__class__))(%s)"
    if kind in _SCALAR_TYPES:
        if kind == "constant":  # MatchSingleton's None, True or False: as the generic encoder writes them
            return "_scalar(n.%s)" % name
        if kind == "int":
            return "str(n.%s)" % name if not quantifier else "(None if (%s := n.%s) is None else str(%s))" % (slot, name, slot)
        return "(n.%s or None)" % name if quantifier == "*" else "n.%s" % name
    if kind in _OPERATOR_TYPES:
        if quantifier == "*":
            return "([ops[i.__class__] for i in %s] if (%s := n.%s) else None)" % (slot, slot, name)
        return "ops[n.%s.__class__]" % name
    if quantifier == "*":
        item = child % ("i", "i", "i")
        return "([None if i is None else %s for i in %s] if (%s := n.%s) else None)" % (item, slot, slot, name)
    if quantifier == "?":
        return "(None if (%s := n.%s) is None else %s)" % (slot, name, child % (slot, slot, slot))
    return child % ("n." + name, "n." + name, "n." + name)


def _encoder_factory(cls):
    """(field names, make(index, line_starts, from_bytes, known, new, ops, constant) -> encoder) for a node class."""
    types = _signature(cls)
    if types is None:
        return None
    fields = _CONSTANT_FIELDS if cls is ast.Constant else tuple(f for f in cls._fields if f not in _SKIPPED_FIELDS)
    if cls is not ast.Constant and any(f not in types for f in fields):
        return None
    if "lineno" in cls._attributes:
        position = ("(from_bytes(n.lineno, n.col_offset) if from_bytes else line_starts[n.lineno] + n.col_offset), "
                    "(from_bytes(n.end_lineno, n.end_col_offset) if from_bytes else line_starts[n.end_lineno] + n.end_col_offset)")
    else:
        position = "None, None"
    if cls is ast.Constant:
        body = "        kind, text = constant(n.value)\n        return [index, %s, kind, text]\n" % position
    else:
        values = "".join(", " + _value_source(f, types[f][0], types[f][1], "v%d" % i) for i, f in enumerate(fields))
        body = "        out = [index, %s%s]\n" % (position, values)
        if fields and (types[fields[-1]][1] or types[fields[-1]][0] == "constant"):
            body += "        while out[-1] is None and len(out) > 3:\n            out.pop()\n"
        body += "        return out\n"
    source = ("def make(index, line_starts, from_bytes, known, new, ops, constant):\n"
              "    def encode(n):\n" + body + "    return encode\n")
    namespace = {"_scalar": _scalar}
    exec(compile(source, "<flowmigrate encoder %s>" % cls.__name__, "exec"), namespace)
    return fields, namespace["make"]


def _encoder_factories():
    factories = {}
    for cls in _ast_classes():
        if issubclass(cls, _OPERATOR_BASES) or not getattr(cls, "_fields", None) and cls.__doc__ is None:
            continue
        factory = _encoder_factory(cls)
        if factory is not None:
            factories[cls] = factory
    return factories


try:
    _ENCODER_FACTORIES = _encoder_factories()
except Exception:  # an interpreter whose ast classes describe themselves differently: field by field
    _ENCODER_FACTORIES = None


def _encode_generic(tree, positions):
    """The encoding of _encode (same output, described there), field by field at run time, for an interpreter whose
    ast classes have no ASDL signature to generate encoders from."""
    kinds = []
    entries = dict(_OPERATOR_NAMES)
    specs = _KIND_SPECS
    AST = ast.AST
    Constant = ast.Constant
    constant = _constant
    # ASCII lines: a UTF-8 byte column is the UTF-16 offset from the line's start (line_starts is 1-based).
    ascii_lines = positions.line_ascii is None
    line_starts = [0]
    line_starts.extend(positions.u16_starts)
    from_bytes = positions.from_bytes
    span_of = operator.attrgetter("lineno", "col_offset", "end_lineno", "end_col_offset")

    def entry_of(cls):
        spec = specs.get(cls)
        if spec is None:
            spec = specs[cls] = _kind_spec(cls)
        fields, getter, positioned = spec
        entry = entries[cls] = (len(kinds), getter, positioned)
        kinds.append([cls.__name__, list(fields)])
        return entry

    def encode(node):
        cls = node.__class__
        entry = entries.get(cls) or entry_of(cls)
        if entry.__class__ is str:
            return entry
        index, getter, positioned = entry
        if positioned:
            line, column, end_line, end_column = span_of(node)
            if ascii_lines:
                out = [index, line_starts[line] + column, line_starts[end_line] + end_column]
            else:
                out = [index, from_bytes(line, column), from_bytes(end_line, end_column)]
        else:
            out = [index, None, None]
        if cls is Constant:
            out.extend(constant(node.value))
            return out
        append = out.append
        for value in getter(node):
            kind = value.__class__
            if kind is list:
                append([encode(item) if isinstance(item, AST) else item for item in value] if value else None)
            elif kind is str or value is None:
                append(value)
            elif isinstance(value, AST):
                append(encode(value))
            else:
                append(str(value) if isinstance(value, int) else repr(value))
        while out[-1] is None and len(out) > 3:
            out.pop()
        return out

    root = encode(tree)
    return {"kinds": kinds, "tree": root}


def _syntax_error(error, positions):
    line = error.lineno or 1
    column = max((error.offset or 1) - 1, 0)
    result = {"line": line, "column": column + 1, "message": error.msg or str(error)}
    if isinstance(error, (IndentationError, TabError)):
        result["kind"] = type(error).__name__
    try:
        result["offset"] = positions.from_chars(line, column)
    except Exception:  # positions past the end of the text
        result["offset"] = len(positions.text)
    if getattr(error, "end_lineno", None):
        result["end_line"] = error.end_lineno
    if error.text:
        result["text"] = error.text.rstrip("\r\n")
    return result


_COMMENT = re.compile(r"#[^\r\n]*")
_STRING_NODES = tuple(getattr(ast, name) for name in ("JoinedStr", "TemplateStr") if hasattr(ast, name))


def _comments_from_tree(text, tree):
    """The comments of an ASCII text without tokenizing it: outside string literals a '#' always starts a
    comment that runs to the end of its line. None when some '#' lies inside a string node's span (it may
    be in the literal, or in a comment between implicitly concatenated parts): the tokenizer decides then."""
    hashes = [match.span() for match in _COMMENT.finditer(text)]
    if not hashes:
        return []
    hash_starts = [start for start, _ in hashes]
    starts = [0]
    for match in _NEWLINE.finditer(text):
        starts.append(match.end())
    for node in ast.walk(tree):
        if isinstance(node, _STRING_NODES) or (isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes))):
            if getattr(node, "end_lineno", None) is None:
                return None
            begin = starts[node.lineno - 1] + node.col_offset
            finish = starts[node.end_lineno - 1] + node.end_col_offset
            index = bisect.bisect_left(hash_starts, begin)
            if index < len(hash_starts) and hash_starts[index] < finish:
                return None
    return [{"s": start, "e": end, "t": text[start:end]} for start, end in hashes]


def _comments(text, positions, tree=None):
    if tree is not None and positions.ascii:
        found = _comments_from_tree(text, tree)
        if found is not None:
            return found
    comments = []
    readline = io.StringIO(text, newline="").readline
    for token in tokenize.generate_tokens(readline):
        if token.type == tokenize.COMMENT:
            (row, col), (end_row, end_col) = token.start, token.end
            comments.append({"s": positions.from_chars(row, col), "e": positions.from_chars(end_row, end_col), "t": token.string})
    return comments


def _parse(text, filename):
    positions = Positions(text)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            tree = ast.parse(text, filename=filename or "<module>", type_comments=False)
        except (SyntaxError, ValueError) as error:
            if isinstance(error, ValueError):  # e.g. "source code string cannot contain null bytes"
                return None, {"line": 1, "column": 1, "offset": 0, "message": str(error)}, positions
            return None, _syntax_error(error, positions), positions
    return tree, None, positions


def op_version(request):
    return {
        "version": "%d.%d.%d" % sys.version_info[:3],
        "implementation": sys.implementation.name,
        "executable": sys.executable,
        "protocol": PROTOCOL,
        "pid": os.getpid(),
    }


def op_check_syntax(request):
    tree, error, _ = _parse(request["text"], request.get("path"))
    return {"valid": error is None} if error is None else {"valid": False, "syntax_error": error}


# ast.parse is CPython's parser followed by building a Python object for every node of the tree, about a third of its
# cost. A text whose symbol table CPython 3.11 builds went through the same parser (same grammar, flags and feature version)
# and so parses; a text it refuses may still parse (the symbol table rejects more, e.g. a duplicate argument), so ast.parse
# decides then. Building the objects can also fail alone, on a tree nested past its recursion limit: the symbol table is built
# under a limit a quarter as deep, which no tree that building the objects refuses gets through (it counts at most three of
# their levels per level of its own, plus the statement levels indentation bounds). Only on 3.11, where both limits
# follow sys.getrecursionlimit(); elsewhere every text goes to ast.parse.
_QUICK_CHECK = sys.version_info[:2] == (3, 11)
_QUICK_CHECK_DEPTH_SHARE = 4


def _surely_parses(text, filename):
    """True when text certainly parses (ast.parse accepts it); False when only ast.parse can tell."""
    if not _QUICK_CHECK:
        return False
    limit = sys.getrecursionlimit()
    try:
        sys.setrecursionlimit(max(limit // _QUICK_CHECK_DEPTH_SHARE, 64))
        _symtable.symtable(text, filename, "exec")
        return True
    except Exception:  # SyntaxError, ValueError, RecursionError, MemoryError, or anything unforeseen: ast.parse decides
        return False
    finally:
        sys.setrecursionlimit(limit)


def op_check_syntax_batch(request):
    """check_syntax for many files in one request: {"files": [{"path", "text"}, ...]} → {"results": [...]}, one
    check_syntax answer per file, in order. Only confirms: no tree is kept or encoded (a text _surely_parses accepts
    builds none), positions are computed only for a file that fails, and the cyclic collector waits (an ast tree is
    acyclic; reference counting frees it)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        results = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for item in request["files"]:
                text = item["text"]
                filename = item.get("path") or "<module>"
                if _surely_parses(text, filename):
                    results.append({"valid": True})
                    continue
                try:
                    ast.parse(text, filename=filename, type_comments=False)
                    results.append({"valid": True})
                except (SyntaxError, ValueError):
                    # the same answer check_syntax gives, positions and all
                    results.append(op_check_syntax(item))
        return {"results": results}
    finally:
        if collecting:
            gc.enable()


def op_parse(request):
    # An ast tree and its encoding are many small acyclic objects that reference counting frees: the cyclic
    # collector's passes over them are pure cost (about a tenth of a parse request), so it waits until the answer is built.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _parse_request(request)
    finally:
        if collecting:
            gc.enable()


def _parse_request(request):
    text = request["text"]
    tree, error, positions = _parse(text, request.get("path"))
    if error is not None:
        return {"syntax_error": error}
    result = _encode(tree, positions)
    if not request.get("comments", True):
        return result
    try:
        result["comments"] = _comments(text, positions, tree)
    except (tokenize.TokenError, SyntaxError, IndentationError) as exc:
        # ast accepted the code but the pure-Python tokenizer did not (rare edge cases): say so.
        result["comments"] = []
        result["comments_error"] = str(exc)
    return result


def op_debug(request):
    """Fault injection for flowmigrate's own tests; only when FLOWMIGRATE_WORKER_DEBUG=1."""
    if os.environ.get("FLOWMIGRATE_WORKER_DEBUG") != "1":
        raise ValueError("debug operations are disabled")
    action = request.get("action")
    if action == "sleep":
        time.sleep(float(request.get("seconds", 3600)))
        return {"slept": True}
    if action == "exit":
        os._exit(int(request.get("code", 3)))
    if action == "garbage":
        _OUT.write(b"this is not json\n")
        _OUT.flush()
        return {"garbage": True}
    raise ValueError("unknown debug action %r" % action)


OPS = {
    "version": op_version,
    "parse": op_parse,
    "check_syntax": op_check_syntax,
    "check_syntax_batch": op_check_syntax_batch,
    "debug": op_debug,
}
_extensions_registered = False

_OUT = None


def _register_extensions():
    """Operations contributed by sibling modules (import check, stand-ins) register themselves. Imported on the first
    request for an operation the worker itself lacks: a process that only parses (most of them) never pays for them."""
    global _extensions_registered
    _extensions_registered = True
    here = os.path.dirname(os.path.abspath(__file__))
    if here not in sys.path:
        sys.path.insert(0, here)
    for name in ("flowmigrate_checks",):
        if os.path.exists(os.path.join(here, name + ".py")):
            module = __import__(name)
            OPS.update(getattr(module, "OPS", {}))


def _write(message):
    _OUT.write(json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n")
    _OUT.flush()


# The requests and answers wait in the pipes while either side is busy: flowmigrate writes its syntax checks as a conversion
# produces them, from threads its conversion keeps busy, and they are large (tens of KB each). With Linux's default 64 KB
# a request is half written when this process is ready for it, and the rest waits for flowmigrate; 1 MB holds many.
_PIPE_SIZE = 1 << 20


def _widen_pipes():
    try:
        import fcntl
    except ImportError:  # not Unix
        return
    set_size = getattr(fcntl, "F_SETPIPE_SZ", None)  # Linux only
    if set_size is None:
        return
    for descriptor in (0, 1):
        try:
            fcntl.fcntl(descriptor, set_size, _PIPE_SIZE)
        except OSError:  # not a pipe, or past the system's limit: the default size works, only slower
            pass


def _exit_now():
    """flowmigrate closed the requests' pipe: every answer is written and flushed already, and user code only ever ran in
    children, so the process ends at once, without the interpreter's teardown (tens of milliseconds at the end of every run)."""
    sys.stderr.flush()
    os._exit(0)


def main():
    global _OUT
    _OUT = sys.stdout.buffer
    _widen_pipes()
    # Anything else that prints (user code, warnings) must never corrupt the protocol stream.
    sys.stdout = sys.stderr
    stdin = sys.stdin.buffer
    while True:
        line = stdin.readline()
        if not line:
            _exit_now()
        if not line.strip():
            continue
        request_id = None
        try:
            request = json.loads(line.decode("utf-8"))
            request_id = request.get("id")
            handler = OPS.get(request.get("op"))
            if handler is None and not _extensions_registered:
                _register_extensions()
                handler = OPS.get(request.get("op"))
            if handler is None:
                raise ValueError("unknown operation %r" % request.get("op"))
            _write({"id": request_id, "ok": True, "result": handler(request)})
        except Exception as error:  # a failing request must never take the worker down
            _write({"id": request_id, "ok": False, "error": {"type": type(error).__name__, "message": str(error)}})


if __name__ == "__main__":
    main()
