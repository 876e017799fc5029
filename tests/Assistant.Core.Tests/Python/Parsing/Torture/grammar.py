#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Every statement and expression kind the in-process parser reproduces — compared with ast.parse node by node."""
from __future__ import annotations

import os, sys as system
import a.b.c as abc, d
from . import sibling
from .. import (parent_a, parent_b as pb,)
from ...pkg.mod import *
from x.y import z as w, v

# ünïcode comment: 😀 ключ
GLOBAL_COUNT: int = 0
annotated_only: list[int]
(parenthesized): str = "p"
obj.attr: int = 1
items[0]: float = 1.5
x = y = z = 1
a, *rest, b = range(10)
[first, (second, third)] = [1, (2, 3)]
*star_alone, = [1]
obj.attr, items[1:2] = 3, [4]
x += 1; x -= 1; x *= 2; x @= m; x /= 2; x //= 2; x %= 3; x **= 2
x >>= 1; x <<= 1; x &= 1; x |= 1; x ^= 1;
del x, (y), [z], obj.attr, items[0]
del (a), b,


def plain():
    pass


def positional(a, b, /, c, d=1, *args, e, f=2, **kwargs) -> None:
    return a, b, c, d, args, e, f, kwargs


def only_posonly(a, b=2, /): ...
def only_kwonly(*, a, b=1, c): ...
def only_kwonly_defaults(*, a=1, b=2): ...
def varargs_annotated(*args: int, **kwargs: "str") -> dict[str, int]: return {}
def trailing(a, b,): pass
def defaults_everywhere(a=1, /, b=2, *, c=3): pass


@decorator
@decorator.with_attr(1, key="v")
@(lambda f: f)
@items[0].method()
async def asynchronous(x: int = 1) -> int:
    await something()
    async for item in aiter():
        yield item
    async with lock as held, other():
        pass
    result = [i async for i in aiter() if i]
    return await x ** 2


class Empty: pass
class WithBases(Base, metaclass=Meta, **extra):
    """Class docstring."""
    attribute: int = 1

    @property
    def value(self) -> int:
        nonlocal_demo = 1

        def inner():
            nonlocal nonlocal_demo
            global GLOBAL_COUNT, other_global
            nonlocal_demo += 1
        return nonlocal_demo


@dataclass(frozen=True)
class Decorated(object,):
    pass


if a:
    pass
elif b: pass
elif c:
    pass
else:
    pass

while condition:
    break
else:
    continue_ = 1

for i in range(3):
    continue
else:
    pass

for (k, v) in mapping.items(): pass
for k, v, in pairs: pass
for obj.attr in things: pass

with open("f") as fh: pass
with open("a") as a, open("b") as b: pass
with (open("a") as a, open("b") as b,):
    pass
with (a, b): pass
with (a, b) as c: pass
with (yield_value): pass
with a as (b, c), d as [e, *f]: pass

try:
    pass
except ValueError:
    pass
except (TypeError, KeyError) as error:
    raise RuntimeError("wrapped") from error
except Exception as e: raise
except:
    raise
else:
    pass
finally:
    pass

try:
    pass
finally:
    pass

try:
    pass
except* ValueError as group:
    pass
except* (TypeError, KeyError):
    pass

assert x, "message"
assert (x)
raise
return_value = lambda: (yield)


def generator():
    x = yield
    y = yield 1
    z = yield 1, 2
    w = yield from other()
    yield
    return *a, b


# Expressions
e = a if b else c
e = lambda: 0
e = lambda x, /, y=1, *a, z, **k: x + y
e = lambda *, k=1: k
e = lambda *a: a
e = not a and b or c and not d or e
e = a < b <= c > d >= e == f != g in h not in i is j is not k
e = a | b ^ c & d << e >> f + g - h * i / j // k % l @ m
e = -a + +b - ~c ** -d ** e
e = (a) + (b)
e = ((a + b) * c)
e = await_ = a
e = (x := 10)
e = [y := f(x), y ** 2]
e = a[b:=1]
e = f(x := 1, y=(z := 2))
e = a.b.c.d
e = a[0][1:2][::3][1:2:3][:, 1][..., None][a, b:c]
e = a[*b]
e = a[*b, c]
e = a[1:2,]
e = f()
e = f(a)(b)(c)
e = f(*args, **kwargs)
e = f(a, *b, c, *d, k=1, **e, j=2)
e = f(k=1, *args)
e = f(x for x in y)
e = f(a=1,)
e = (x for x in y if x if not x for z in x)
e = [x for x in y]
e = {x for x in y}
e = {k: v for k, v in y.items() if k}
e = [(a, b) for a in x for b in y]
e = [*a, *b]
e = {*a, b}
e = {**a, 'b': 1, **c}
e = {'a': 1, 'b': 2,}
e = {}
e = []
e = ()
e = (1,)
e = 1,
e = 1, 2,
e = (*a, *b)
e = *a, *b
e = ...
e = None, True, False

# Numbers
n = 0, 00, 0_0, 1, 1_000_000, 0x1F, 0XAB_CD, 0o17, 0O7_7, 0b1010, 0B1_0
n = 123456789012345678901234567890, 0xFFFFFFFFFFFFFFFFFFFFFFFF
n = 1.0, 1., .5, 1e10, 1E-10, 1.5e+300, 1e400, 1_0.0_1, 0.1, 0.0001, 0.00001, 1e15, 1e16, 1e22, 123456789.123456789
n = 3.141592653589793, 2.5e-7, 1e-4, 9.99e16, 5e-324, 1.7976931348623157e308, 0.0, 000.5, 09.5
n = 1j, 2.5j, 0j, 1e16j, 1e-5j, 1_0j, 1e400j, 3.14J
n = -1, -1.5, -(1), +2

# Strings
s = 'single' "double" '''triple single''' """triple double"""
s = 'it\'s' "say \"hi\"" '\\' "tab\there" 'newline\n' '\a\b\f\v\r\0'
s = '\x41\101\u00e9\U0001F600' "\7\77\177" 'unknown \d escape' '\
continued'
s = r'raw \n \' string' R"raw"
s = rb'raw bytes \x00' Rb"x" bR'y' BR"z"
s = u'unicode prefix' U"also"
s = b'bytes' B"more bytes" b'\x00\xff\n\t\\\'"' b"quote ' only" b'both \' and "'
s = b'\x7f\x80' b"" b''
s = 'ünïcode 😀 text' "ключ" '日本語'
s = """multi
line with 'quotes' and "double" and \
continuation and ünïcode
"""
s = ('implicit'
     'concatenation'  # comment between parts
     "across lines")

# f-strings
name = "world"
f = f"hello {name}"
f = f'{name!r} {name!s} {name!a}'
f = f"{value:>10} {value:{width}} {value:{width}.{precision}f} {value!r:^20}"
f = f"{x:}"
f = f"{{literal}} {{ and }} {x}"
f = f"{a, b}"
f = f"{ spaced }"
f = f"{d['key']}" f'{d["key"]}'
f = f"{f'{nested}'}"
f = f"{x:%Y-%m-%d}"
f = f"prefix" "plain" f"{x}" "suffix"
f = F"upper" rf"raw {x} \n" fR'{x}' Rf"{x}"
f = f"{x + 1} {[i for i in y]} {lambda_result} {(lambda: 1)()}"
f = f"{a}{b}{c}"
f = f""
f = f"" ""
f = f"only literal"
f = f"ünïcode {name} 😀"
f = f"tab\t{x}\n"
f = (f"first {a:02d}"
     f"second {b:{c}}")
f = f"{x:>{width}} trailing"

# Accepted by ast.parse although the compiler rejects some of them
return *a
for x in *a, *b: pass
del ()
() = x
[] = x
with (): pass
f"{yield}"
f"{'}'}" f'{"{"}'
class Unpacked(*a, **k): pass
def kwargs_trailing(**k,): pass
lambda **k,: 0
from . a import b
del a.b, c[0],
x: int = yield
print(f"{a:{b}{c}}")
f(a=1, a=2)
e = a[b:c, ::2, *d]
e = -1 ** 2, (-1) ** 2, not a == b, await x ** 2, a if b else c if d else e
