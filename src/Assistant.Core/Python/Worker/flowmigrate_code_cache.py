"""Compiled code of the checked modules, kept between checked children.

Every check runs in a fresh child of the worker, which imports the checked module and whatever it imports from the
user's project; none of them may write bytecode beside the user's files, so each child compiled the same project
modules again (in a repository whose flows share a package of helpers, about 30% of the checks' CPU time).
install() makes the children of this process keep what they compile under the check's cache folder instead: one
entry per source path, holding a digest of the source it was compiled from and the marshalled code, taken only when the
source still has that digest (never the file's time or size, which a checkout can leave the same for other text).
"""

import hashlib
import importlib.machinery
import importlib.util
import marshal
import os
import sys

_DIGEST_SIZE = hashlib.sha256().digest_size


def install(cache_dir):
    """From now on, source files this process imports are compiled at most once per text (see the module's doc)."""
    compile_source = importlib.machinery.SourceFileLoader.source_to_code
    # one folder per bytecode format (the interpreter's magic number), one entry per source path
    folder = os.path.join(cache_dir, "code-" + importlib.util.MAGIC_NUMBER.hex())

    def source_to_code(self, data, path, *, _optimize=-1):
        source = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        optimize = sys.flags.optimize if _optimize == -1 else _optimize
        digest = hashlib.sha256(b"%d\0" % optimize + source).digest()
        entry = os.path.join(folder, hashlib.sha256(os.fsencode(path)).hexdigest()[:40])
        try:
            with open(entry, "rb") as handle:
                stored = handle.read()
            if stored[:_DIGEST_SIZE] == digest:
                return marshal.loads(stored[_DIGEST_SIZE:])
        except (OSError, ValueError, EOFError, TypeError):
            pass  # no entry, or one that does not load: compile
        code = compile_source(self, data, path, _optimize=_optimize)
        try:
            os.makedirs(folder, exist_ok=True)
            temporary = "%s.%d.tmp" % (entry, os.getpid())
            with open(temporary, "wb") as handle:
                handle.write(digest + marshal.dumps(code))
            os.replace(temporary, entry)  # workers checking side by side each write whole entries
        except OSError:
            pass  # a read-only or full cache folder only costs the compilation
        return code

    importlib.machinery.SourceFileLoader.source_to_code = source_to_code
